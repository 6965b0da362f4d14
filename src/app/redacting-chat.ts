// Every text the bot shows in chat passes through the same secret scrubbing as its log lines: a
// provider error that echoes an API key, a URL with a signature, a token in a message all leave
// as [redacted]. The engine's chat and every command's replies are wrapped in it.

import type { Conversation } from "../core/chat-event.ts";
import { redactText } from "../core/redact.ts";
import { mapViewText } from "../core/views/map-text.ts";
import type { View } from "../core/views/view.ts";
import type { Delivery } from "./jobs/ports.ts";
import type { ChatPort, MessageRef } from "./ports.ts";

export class RedactingChat implements ChatPort {
  readonly #chat: ChatPort;
  readonly #secrets: readonly string[];
  readonly hostImage?: (conversation: Conversation, path: string, view: View) => Promise<string>;
  readonly direct?: (conversation: Conversation, view: View) => Promise<void>;

  /** `secrets`: every secret value the configuration holds (secretValues(config)). */
  constructor(chat: ChatPort, secrets: readonly string[]) {
    this.#chat = chat;
    this.#secrets = secrets;
    const host = chat.hostImage?.bind(chat);
    if (host !== undefined) this.hostImage = (c, path, view) => host(c, path, this.#view(view));
    const direct = chat.direct?.bind(chat);
    if (direct !== undefined) this.direct = (c, view) => direct(c, this.#view(view));
  }

  post(conversation: Conversation, view: View): Promise<MessageRef> {
    return this.#chat.post(conversation, this.#view(view));
  }

  edit(message: MessageRef, view: View): Promise<void> {
    return this.#chat.edit(message, this.#view(view));
  }

  notify(conversation: Conversation, view: View): Promise<void> {
    return this.#chat.notify(conversation, this.#view(view));
  }

  uploadLimit(conversation: Conversation): number {
    return this.#chat.uploadLimit(conversation);
  }

  /** The video's link is kept as it is: it is what is being delivered (the provider's own URL). */
  upload(conversation: Conversation, video: Delivery, view: View, key?: string): Promise<MessageRef> {
    const shown = video.kind === "link" ? { ...video, reason: this.#text(video.reason) } : video;
    return this.#chat.upload(conversation, shown, this.#view(view), key);
  }

  #text(text: string): string {
    return redactText(text, this.#secrets);
  }

  #view(view: View): View {
    return mapViewText(view, (text) => this.#text(text));
  }
}
