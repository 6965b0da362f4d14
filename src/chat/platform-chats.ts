// One process, several platforms: the job engine talks to a single JobMessages, and each job's
// messages belong to the platform it came from. This routes every call by the conversation's
// platform to that platform's messages.

import type { Delivery } from "../app/jobs/ports.ts";
import type { JobMessages, MessageRef, VideoPost } from "../app/ports.ts";
import type { Conversation, Platform } from "../core/chat-event.ts";
import type { View } from "../core/views/view.ts";

export class PlatformChats implements JobMessages {
  readonly #chats: Partial<Record<Platform, JobMessages>>;

  constructor(chats: Partial<Record<Platform, JobMessages>>) {
    this.#chats = chats;
  }

  #for(conversation: Conversation): JobMessages {
    const chat = this.#chats[conversation.platform];
    // A job from a platform no longer configured: its step fails and is retried, never lost.
    if (chat === undefined) throw new Error(`${conversation.platform} is not configured in this process`);
    return chat;
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

  async upload(where: VideoPost, video: Delivery, view: View): Promise<MessageRef> {
    return this.#for(where.conversation).upload(where, video, view);
  }
}
