// The REST route table's shape: templates are spelled as in Discord's OpenAPI spec
// (`/channels/{channel_id}/messages`), and each route knows whether it needs `Authorization: Bot`.
// Interaction callbacks and token webhooks don't: discord.js sends them with `auth: false`.

import type { APIApplicationCommand } from "discord-api-types/v10";
import type { Cdn } from "./cdn.ts";
import type { Reply } from "./errors.ts";
import type { InteractionStore } from "./interactions.ts";
import type { MessageStore } from "./messages.ts";
import type { UploadedFile } from "./request.ts";
import type { Snowflakes } from "./snowflake.ts";
import type { World } from "./world.ts";

export interface RouteRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly json: unknown;
  readonly files: readonly UploadedFile[];
}

export interface Route {
  readonly method: string;
  readonly template: string;
  readonly auth: boolean;
  readonly handle: (request: RouteRequest) => Reply;
}

/** Everything route handlers share. */
export interface FakeState {
  readonly world: World;
  readonly ids: Snowflakes;
  readonly messages: MessageStore;
  readonly interactions: InteractionStore;
  readonly cdn: Cdn;
  readonly now: () => number;
  readonly gatewayUrl: () => string;
  /** Registered commands per scope: "global" or a guild id. */
  readonly commands: Map<string, APIApplicationCommand[]>;
  /** Whether the application has the Message Content intent enabled (REST reads are gated too). */
  readonly messageContent: () => boolean;
  /** The shard count /gateway/bot recommends (and the gateway requires). */
  readonly shardCount: number;
}

export const route = (method: string, template: string, handle: Route["handle"], auth = true): Route => ({
  method,
  template,
  auth,
  handle,
});

export interface Match {
  readonly route: Route;
  readonly params: Record<string, string>;
}

/** Finds the route for a decoded path (first template wins: list `@original` before `{message_id}`). */
export function match(
  routes: readonly Route[],
  method: string,
  path: string,
): Match | "wrong-method" | undefined {
  let pathMatched = false;
  for (const candidate of routes) {
    const names: string[] = [];
    const source = candidate.template.replace(/\{(\w+)\}/gu, (_all, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    const found = new RegExp(`^${source}$`, "u").exec(path);
    if (found === null) continue;
    pathMatched = true;
    if (candidate.method !== method) continue;
    const params = Object.fromEntries(names.map((name, i) => [name, found[i + 1] ?? ""]));
    return { route: candidate, params };
  }
  return pathMatched ? "wrong-method" : undefined;
}

/** The route's major parameter (rate-limits.mdx): channel, guild, webhook id + token, or interaction. */
export function majorParameter(params: Readonly<Record<string, string>>): string {
  if (params.channel_id !== undefined) return `channel:${params.channel_id}`;
  if (params.guild_id !== undefined) return `guild:${params.guild_id}`;
  if (params.webhook_id !== undefined) return `webhook:${params.webhook_id}/${params.webhook_token ?? ""}`;
  if (params.interaction_id !== undefined) return `interaction:${params.interaction_id}`;
  return "global";
}
