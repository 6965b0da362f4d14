// A chat platform's bot as the composition root starts it: Discord, Slack and the console each
// implement this, so `start` runs any of them (or several on one engine) the same way.

import type { RequestListener } from "node:http";
import type { BotDeps } from "./deps.ts";
import type { JobMessages } from "./ports.ts";

/** A handler on the bot's HTTP server (PORT), owning every path under `prefix`. */
export interface HttpMount {
  readonly prefix: string;
  readonly listener: RequestListener;
}

export interface Bot {
  readonly platform: "discord" | "slack" | "console";
  /** How the engine edits this platform's job messages and posts their videos. */
  readonly messages: JobMessages;
  /** What this bot serves on the HTTP server (Slack's HTTP mode); none for the others. */
  readonly mounts: readonly HttpMount[];
  /** Connects and handles events with `deps` until stop(). */
  start(deps: BotDeps): Promise<void>;
  /** Resolves when the bot has nothing more to do by itself (the console's input ended); unset: never. */
  readonly done?: Promise<void>;
  /** Stops taking events and lets the ones in hand finish. */
  stop(): Promise<void>;
}
