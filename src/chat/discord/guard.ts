// Runs one event's work; a failure of ours is logged with a reference and told to the person (the
// reference lets an operator find the log line), never thrown into discord.js or the HTTP server.

import type { ChatPort } from "../../app/ports.ts";
import type { Conversation } from "../../core/chat-event.ts";
import { internalErrorView } from "../../core/views/notices.ts";

export class Guard {
  readonly #logError: (error: unknown, reference: string) => void;
  #failures = 0;

  constructor(logError: (error: unknown, reference: string) => void) {
    this.#logError = logError;
  }

  async run(
    conversation: Conversation,
    chat: ChatPort | undefined,
    work: () => Promise<void>,
  ): Promise<void> {
    try {
      await work();
    } catch (error) {
      const reference = `discord-${++this.#failures}`;
      this.#logError(error, reference);
      await chat?.notify(conversation, internalErrorView(reference)).catch((e: unknown) => {
        this.#logError(e, `${reference}-reply`);
      });
    }
  }
}
