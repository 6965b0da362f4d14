import type { RawRequest } from "./request.ts";

export type Platform = "console" | "discord" | "slack";

/** Where a message lives and who it came from, in the platform's own ids. */
export interface Conversation {
  readonly platform: Platform;
  /** Discord guild or Slack team; "local" for the console. */
  readonly workspaceId: string;
  readonly channelId: string;
  readonly userId: string;
  readonly userName: string;
}

/** One thing a person asked of the bot, translated by an adapter from its platform's event. */
export interface ChatEvent {
  readonly conversation: Conversation;
  /** Role ids the person holds in the workspace (for role quotas and admin checks). */
  readonly roles: readonly string[];
  /**
   * The platform's own id for this request (a Discord interaction or message, a Slack event):
   * the same request delivered twice, to one instance or two, makes one job and one charge.
   */
  readonly requestId?: string;
  /**
   * Image links the platform itself delivered with this request (files attached to its message,
   * the message it answers or the one it was opened on), checked by the adapter to be the
   * requester's own workspace's. Only these may be a chat's private files; a typed link must be
   * on the allowed hosts. A text input's `images` count as delivered too.
   */
  readonly attachedImages?: readonly string[];
  /** The platform says this person manages the workspace (Discord: Manage Server; the console's operator). */
  readonly isManager?: boolean;
  /** The command as text (Slack, console), typed options (Discord's /video), or a button on a job's message. */
  readonly input:
    | {
        readonly kind: "text";
        readonly text: string;
        /** Image URLs that came with the text (attachments, the replied-to message): first, last frame. */
        readonly images?: readonly string[];
      }
    | { readonly kind: "video-options"; readonly options: RawRequest }
    | {
        readonly kind: "button";
        /** The view's button action (src/core/views/job.ts), e.g. "new_seed". */
        readonly action: string;
        /** The view's subject: a job id. */
        readonly subject: string;
        /**
         * When the platform says the click happened (Discord: its interaction id's time; Slack:
         * the action's `action_ts`, inside the signed body): a repeat of the click (a double
         * click, a replayed request) names the same time window, hence the same job.
         */
        readonly clickedAt?: Date;
      };
}
