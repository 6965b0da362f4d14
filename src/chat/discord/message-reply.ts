// The ChatPort for a command given as a message (a mention) rather than an interaction: every
// answer is a reply to that message. Discord has no ephemeral replies to messages, so notices are
// replies addressed to the person; edits and uploads go to the channel like any job's.

import type { Delivery } from "../../app/jobs/ports.ts";
import type { ChatPort, MessageRef } from "../../app/ports.ts";
import type { Conversation } from "../../core/chat-event.ts";
import type { View } from "../../core/views/view.ts";
import type { DiscordChat } from "./discord-chat.ts";

export class MessageReply implements ChatPort {
  readonly #shared: DiscordChat;
  readonly #messageId: string;

  constructor(shared: DiscordChat, messageId: string) {
    this.#shared = shared;
    this.#messageId = messageId;
  }

  post(conversation: Conversation, view: View): Promise<MessageRef> {
    return this.#shared.post(conversation, view, this.#messageId);
  }

  notify(conversation: Conversation, view: View): Promise<void> {
    return this.#shared.notify(conversation, view, this.#messageId);
  }

  edit(message: MessageRef, view: View): Promise<void> {
    return this.#shared.edit(message, view);
  }

  upload(conversation: Conversation, video: Delivery, view: View, key?: string): Promise<MessageRef> {
    return this.#shared.upload(conversation, video, view, key);
  }

  direct(conversation: Conversation, view: View): Promise<void> {
    return this.#shared.direct(conversation, view);
  }

  uploadLimit(conversation: Conversation): number {
    return this.#shared.uploadLimit(conversation);
  }
}
