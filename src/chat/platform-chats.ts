// One process, several platforms: the job engine talks to a single ChatPort, and each job's
// messages belong to the platform it came from. This routes every call by the conversation's
// platform to that platform's chat.

import type { Delivery } from "../app/jobs/ports.ts";
import type { ChatPort, MessageRef } from "../app/ports.ts";
import type { Conversation, Platform } from "../core/chat-event.ts";
import type { View } from "../core/views/view.ts";

export class PlatformChats implements ChatPort {
  readonly #chats: Partial<Record<Platform, ChatPort>>;

  constructor(chats: Partial<Record<Platform, ChatPort>>) {
    this.#chats = chats;
  }

  #for(conversation: Conversation): ChatPort {
    const chat = this.#chats[conversation.platform];
    // A job from a platform no longer configured: its step fails and is retried, never lost.
    if (chat === undefined) throw new Error(`${conversation.platform} is not configured in this process`);
    return chat;
  }

  async post(conversation: Conversation, view: View): Promise<MessageRef> {
    return this.#for(conversation).post(conversation, view);
  }

  async edit(message: MessageRef, view: View): Promise<void> {
    return this.#for(message.conversation).edit(message, view);
  }

  async notify(conversation: Conversation, view: View): Promise<void> {
    return this.#for(conversation).notify(conversation, view);
  }

  async direct(conversation: Conversation, view: View): Promise<void> {
    const chat = this.#for(conversation);
    if (chat.direct === undefined) throw new Error(`${conversation.platform} has no direct messages`);
    return chat.direct(conversation, view);
  }

  uploadLimit(conversation: Conversation): number {
    return this.#for(conversation).uploadLimit(conversation);
  }

  async upload(conversation: Conversation, video: Delivery, view: View, key?: string): Promise<MessageRef> {
    return this.#for(conversation).upload(conversation, video, view, key);
  }
}
