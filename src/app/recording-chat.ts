import type { Conversation } from "../core/chat-event.ts";
import type { View } from "../core/views/view.ts";
import type { Delivery } from "./jobs/ports.ts";
import type { ChatPort, MessageRef } from "./ports.ts";

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
    };

/** The in-memory ChatPort: records every post, edit and notice, in order. For tests and tools. */
export class RecordingChat implements ChatPort {
  readonly records: ChatRecord[] = [];
  private nextId = 1;
  /** What `uploadLimit` says (Discord's default: 10 MiB). */
  limitBytes = 10 * 1024 * 1024;

  uploadLimit(_conversation: Conversation): number {
    return this.limitBytes;
  }

  async post(conversation: Conversation, view: View): Promise<MessageRef> {
    const message = { conversation, messageId: String(this.nextId++) };
    this.records.push({ kind: "post", message, view });
    return message;
  }

  async edit(message: MessageRef, view: View): Promise<void> {
    this.records.push({ kind: "edit", message, view });
  }

  async notify(conversation: Conversation, view: View): Promise<void> {
    this.records.push({ kind: "notify", conversation, view });
  }

  async upload(
    conversation: Conversation,
    delivery: Delivery,
    view: View,
    _key?: string,
  ): Promise<MessageRef> {
    const message = { conversation, messageId: String(this.nextId++) };
    const path = delivery.kind === "file" ? delivery.path : delivery.posterPath;
    this.records.push({ kind: "upload", message, path, delivery, view });
    return message;
  }

  /** The views shown so far, oldest first. */
  views(): View[] {
    return this.records.map((r) => r.view);
  }
}
