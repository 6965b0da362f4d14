// Whether a person administers the Slack workspace (users.info: is_admin or is_owner), which lets
// them run /framecast admin and cancel anyone's video, as Manage Server does on Discord. Answers
// are kept for a few minutes; a failed lookup counts as "no" (FRAMECAST_ADMINS still applies).

import type { WebClient } from "@slack/web-api";
import { z } from "zod";

const userInfoSchema = z.object({
  ok: z.literal(true),
  user: z.object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional() }),
});

export const MANAGER_CACHE_MS = 5 * 60_000;

export class WorkspaceManagers {
  readonly #client: WebClient;
  readonly #now: () => number;
  readonly #known = new Map<string, { manager: boolean; at: number }>();

  constructor(client: WebClient, now: () => number = Date.now) {
    this.#client = client;
    this.#now = now;
  }

  async isManager(userId: string): Promise<boolean> {
    const cached = this.#known.get(userId);
    if (cached !== undefined && this.#now() - cached.at < MANAGER_CACHE_MS) return cached.manager;
    const parsed = userInfoSchema.safeParse(
      await this.#client.users.info({ user: userId }).catch(() => undefined),
    );
    const manager =
      parsed.success && (parsed.data.user.is_admin === true || parsed.data.user.is_owner === true);
    this.#known.set(userId, { manager, at: this.#now() });
    return manager;
  }
}
