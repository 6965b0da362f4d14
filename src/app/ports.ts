import type { Conversation } from "../core/chat-event.ts";
import type { View } from "../core/views/view.ts";
import type { Delivery } from "./jobs/ports.ts";

/** A message the bot posted, as its platform identifies it (enough to edit it later). */
export interface MessageRef {
  readonly conversation: Conversation;
  readonly messageId: string;
}

/**
 * The answers to one request, like Bolt's `say`/`respond`: the adapter makes one for each chat
 * event (an interaction, a slash command, a mention, a console line), bound to where it was asked
 * (the channel, the thread, the interaction's token). It lives as long as the request.
 */
export interface Reply {
  /** Posts the request's public message (a job's message) where the request was made. */
  post(view: View): Promise<MessageRef>;
  /** Tells the person privately (ephemeral where the platform has it). */
  notify(view: View): Promise<void>;
  /**
   * Shows a picture (a local PNG) to the person only, with `view`, and returns a link a provider
   * can fetch it from (the platform's CDN). Absent where the platform can't host images privately.
   */
  hostImage?(path: string, view: View): Promise<string>;
}

/** Where a finished video goes: beside its job's message, under the job's id. */
export interface VideoPost {
  readonly conversation: Conversation;
  /** The job's id: makes the post idempotent where the platform allows (the same key posts once). */
  readonly key: string;
  /** The job's message, when it has one: the video goes to the same thread. */
  readonly jobMessage?: string;
}

/**
 * The messages that outlive a request, as the job engine (and any instance, after a restart)
 * handles them: progress edits, the finished video, notices about a job. Nothing here depends on
 * the request that started the job; a MessageRef says everything needed (a Slack thread included).
 */
export interface JobMessages {
  /** Replaces the content of a message the bot posted earlier. */
  edit(message: MessageRef, view: View): Promise<void>;
  /** Tells the job's requester privately in the job's conversation. */
  notify(conversation: Conversation, view: View): Promise<void>;
  /** The largest file `upload` may post in this conversation, in bytes. */
  uploadLimit(conversation: Conversation): number;
  /**
   * Posts a finished video with a message: the file (within `uploadLimit`), or a link with a
   * poster frame; idempotent by `where.key` where the platform allows (Discord's enforced nonce,
   * Slack's file name, the console's record of what it printed).
   */
  upload(where: VideoPost, video: Delivery, view: View): Promise<MessageRef>;
  /**
   * Sends the person a direct message: for telling them something when the conversation itself is
   * closed to the bot (not a member, no permission). Absent where the platform has none.
   */
  direct?(conversation: Conversation, view: View): Promise<void>;
}

/**
 * What a Reply or JobMessages throws when the bot may not post in the conversation (not a member, no
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
