// Runs one event's work; a failure of ours is logged with a reference and told to the person (the
// reference lets an operator find the log line), never thrown into discord.js or the HTTP server.

import type { Reply } from "../../app/ports.ts";
import { internalErrorView } from "../../core/views/notices.ts";

export class Guard {
  readonly #logError: (error: unknown, reference: string) => void;
  #failures = 0;

  constructor(logError: (error: unknown, reference: string) => void) {
    this.#logError = logError;
  }

  async run(reply: Reply | undefined, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const reference = `discord-${++this.#failures}`;
      this.#logError(error, reference);
      await reply?.notify(internalErrorView(reference)).catch((e: unknown) => {
        this.#logError(e, `${reference}-reply`);
      });
    }
  }
}
