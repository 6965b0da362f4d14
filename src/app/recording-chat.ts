import type { Conversation } from "../core/chat-event.ts";
import type { View } from "../core/views/view.ts";
import type { Delivery } from "./jobs/ports.ts";
import type { JobMessages, MessageRef, Reply, VideoPost } from "./ports.ts";

export type ChatRecord =
  | { readonly kind: "post"; readonly message: MessageRef; readonly view: View }
  | { readonly kind: "edit"; readonly message: MessageRef; readonly view: View }
  | { readonly kind: "notify"; readonly conversation: Conversation; readonly view: View }
  | {
      readonly kind: "upload";
      readonly message: MessageRef;
      /** The file posted, or the poster of a link. */
      readonly path: string | undefined;
      readonly delivery: Delivery;
      readonly view: View;
      /** Where it was asked to go (the job's id and message). */
      readonly where: VideoPost;
    };

/**
 * An in-memory chat: the job messages, and a Reply for each request (`replyTo`), recording every
 * post, edit, notice and upload in one list, in order. For tests and tools.
 */
export class RecordingChat implements JobMessages {
  readonly records: ChatRecord[] = [];
  private nextId = 1;
  /** What `uploadLimit` says (Discord's default: 10 MiB). */
  limitBytes = 10 * 1024 * 1024;

  /** The answers to a request made in `conversation`. */
  replyTo(conversation: Conversation): Reply {
    return {
      post: (view) => this.post(conversation, view),
      notify: (view) => this.notify(conversation, view),
    };
  }

  /** A request's public message (what `replyTo(conversation).post` does). */
  async post(conversation: Conversation, view: View): Promise<MessageRef> {
    const message = { conversation, messageId: String(this.nextId++) };
    this.records.push({ kind: "post", message, view });
    return message;
  }

  uploadLimit(_conversation: Conversation): number {
    return this.limitBytes;
  }

  async edit(message: MessageRef, view: View): Promise<void> {
    this.records.push({ kind: "edit", message, view });
  }

  async notify(conversation: Conversation, view: View): Promise<void> {
    this.records.push({ kind: "notify", conversation, view });
  }

  async upload(where: VideoPost, delivery: Delivery, view: View): Promise<MessageRef> {
    const message = { conversation: where.conversation, messageId: String(this.nextId++) };
    const path = delivery.kind === "file" ? delivery.path : delivery.posterPath;
    this.records.push({ kind: "upload", message, path, delivery, view, where });
    return message;
  }

  /** The views shown so far, oldest first. */
  views(): View[] {
    return this.records.map((r) => r.view);
  }
}
