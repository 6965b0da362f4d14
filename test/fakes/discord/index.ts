export { Builders } from "./builders.ts";
export {
  FakeDiscord,
  type FakeDiscordEvents,
  type FakeDiscordOptions,
  type HttpInteractionOutcome,
} from "./fake-discord.ts";
export type { HttpAnswer, SendOptions } from "./http-interactions.ts";
export type { InteractionRecord } from "./interactions.ts";
export { RESPONSE_DEADLINE_MS, TOKEN_TTL_MS } from "./interactions.ts";
export type { StoredMessage } from "./messages.ts";
export type { RateLimitRule } from "./rate-limits.ts";
export type { UploadedFile } from "./request.ts";
export type { RecordedCall } from "./rest.ts";
export type { GuildOptions, World } from "./world.ts";
