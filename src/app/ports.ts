import type { Conversation } from "../core/chat-event.ts";
import type { View } from "../core/views/view.ts";
import type { Delivery } from "./jobs/ports.ts";

/** A message the bot posted, as its platform identifies it (enough to edit it later). */
export interface MessageRef {
  readonly conversation: Conversation;
  readonly messageId: string;
}

/**
 * How the app talks to a chat platform. Each adapter implements it; the app never knows which
 * platform it is talking to.
 */
export interface ChatPort {
  /** Posts a message everyone in the conversation sees. */
  post(conversation: Conversation, view: View): Promise<MessageRef>;
  /** Replaces the content of a message the bot posted earlier. */
  edit(message: MessageRef, view: View): Promise<void>;
  /** Shows a message only to the person in the conversation (ephemeral where the platform has it). */
  notify(conversation: Conversation, view: View): Promise<void>;
  /** The largest file `upload` may post in this conversation, in bytes. */
  uploadLimit(conversation: Conversation): number;
  /**
   * Posts a finished video with a message: the file (within `uploadLimit`), or a link with a
   * poster frame. `key` makes it idempotent where the platform allows: the same key twice posts
   * once (Discord's enforced nonce; the console's record of what it printed).
   */
  upload(conversation: Conversation, video: Delivery, view: View, key?: string): Promise<MessageRef>;
  /**
   * Sends the person a direct message: for telling them something when the conversation itself is
   * closed to the bot (not a member, no permission). Absent where the platform has none.
   */
  direct?(conversation: Conversation, view: View): Promise<void>;
  /**
   * Shows a picture (a local PNG) to the person only, with `view`, and returns a link a provider
   * can fetch it from (the platform's CDN). Absent where the platform can't host images privately.
   */
  hostImage?(conversation: Conversation, path: string, view: View): Promise<string>;
}

/**
 * What a ChatPort throws when the bot may not post in the conversation (not a member, no
 * permission to send, archived): trying again won't help. `message` says why, in words fit to
 * show the person (no secrets, no URLs).
 */
export class ChannelClosedError extends Error {
  readonly closed = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ChannelClosedError";
  }
}

export const isChannelClosed = (error: unknown): error is ChannelClosedError =>
  typeof error === "object" && error !== null && "closed" in error && error.closed === true;
