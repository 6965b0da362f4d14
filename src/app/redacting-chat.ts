// Every text the bot shows in chat passes through the same secret scrubbing as its log lines: a
// provider error that echoes an API key, a URL with a signature, a token in a message all leave
// as [redacted]. The engine's messages and every command's replies are wrapped in it.

import type { Conversation } from "../core/chat-event.ts";
import { redactText } from "../core/redact.ts";
import { mapViewText } from "../core/views/map-text.ts";
import type { View } from "../core/views/view.ts";
import type { Delivery } from "./jobs/ports.ts";
import type { JobMessages, MessageRef, Reply, VideoPost } from "./ports.ts";

const redactView = (view: View, secrets: readonly string[]): View =>
  mapViewText(view, (text) => redactText(text, secrets));

/** A request's answers, scrubbed of `secrets` (every secret value of the configuration). */
export function redactReply(reply: Reply, secrets: readonly string[]): Reply {
  const host = reply.hostImage?.bind(reply);
  return {
    post: (view) => reply.post(redactView(view, secrets)),
    notify: (view) => reply.notify(redactView(view, secrets)),
    ...(host === undefined ? {} : { hostImage: (path, view) => host(path, redactView(view, secrets)) }),
  };
}

export class RedactingMessages implements JobMessages {
  readonly #messages: JobMessages;
  readonly #secrets: readonly string[];
  readonly direct?: (conversation: Conversation, view: View) => Promise<void>;

  /** `secrets`: every secret value the configuration holds (secretValues(config)). */
  constructor(messages: JobMessages, secrets: readonly string[]) {
    this.#messages = messages;
    this.#secrets = secrets;
    const direct = messages.direct?.bind(messages);
    if (direct !== undefined) this.direct = (c, view) => direct(c, this.#view(view));
  }

  edit(message: MessageRef, view: View): Promise<void> {
    return this.#messages.edit(message, this.#view(view));
  }

  notify(conversation: Conversation, view: View): Promise<void> {
    return this.#messages.notify(conversation, this.#view(view));
  }

  uploadLimit(conversation: Conversation): number {
    return this.#messages.uploadLimit(conversation);
  }

  /** The video's link is kept as it is: it is what is being delivered (the provider's own URL). */
  upload(where: VideoPost, video: Delivery, view: View): Promise<MessageRef> {
    const shown =
      video.kind === "link" ? { ...video, reason: redactText(video.reason, this.#secrets) } : video;
    return this.#messages.upload(where, shown, this.#view(view));
  }

  #view(view: View): View {
    return redactView(view, this.#secrets);
  }
}
