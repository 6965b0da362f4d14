// Whether a person administers the Slack workspace (users.info: is_admin or is_owner), which lets
// them run /framecast admin and cancel anyone's video, as Manage Server does on Discord. Answers
// are kept for a few minutes; a failed lookup counts as "no" (FRAMECAST_ADMINS still applies).

import { z } from "zod";
import type { ClientFor } from "./slack-chat.ts";

const userInfoSchema = z.object({
  ok: z.literal(true),
  user: z.object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional() }),
});

export const MANAGER_CACHE_MS = 5 * 60_000;

export class WorkspaceManagers {
  readonly #clientFor: ClientFor;
  readonly #now: () => number;
  readonly #known = new Map<string, { manager: boolean; at: number }>();

  constructor(clientFor: ClientFor, now: () => number = Date.now) {
    this.#clientFor = clientFor;
    this.#now = now;
  }

  async isManager(workspaceId: string, userId: string): Promise<boolean> {
    const key = `${workspaceId}:${userId}`;
    const cached = this.#known.get(key);
    if (cached !== undefined && this.#now() - cached.at < MANAGER_CACHE_MS) return cached.manager;
    const client = await this.#clientFor(workspaceId).catch(() => undefined);
    const answer = await client?.users.info({ user: userId }).catch(() => undefined);
    const parsed = userInfoSchema.safeParse(answer);
    const manager =
      parsed.success && (parsed.data.user.is_admin === true || parsed.data.user.is_owner === true);
    this.#known.set(key, { manager, at: this.#now() });
    return manager;
  }
}
