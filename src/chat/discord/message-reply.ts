// The Reply for a command given as a message (a mention) rather than an interaction: every
// answer is a reply to that message. Discord has no ephemeral replies to messages, so notices are
// replies addressed to the person.

import type { MessageRef, Reply } from "../../app/ports.ts";
import type { Conversation } from "../../core/chat-event.ts";
import type { View } from "../../core/views/view.ts";
import type { DiscordChat } from "./discord-chat.ts";

export class MessageReply implements Reply {
  readonly #shared: DiscordChat;
  readonly #conversation: Conversation;
  readonly #messageId: string;

  constructor(shared: DiscordChat, conversation: Conversation, messageId: string) {
    this.#shared = shared;
    this.#conversation = conversation;
    this.#messageId = messageId;
  }

  post(view: View): Promise<MessageRef> {
    return this.#shared.post(this.#conversation, view, this.#messageId);
  }

  notify(view: View): Promise<void> {
    return this.#shared.notify(this.#conversation, view, this.#messageId);
  }
}
