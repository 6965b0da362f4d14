// The hand-off between a request and the job engine on Discord: a job's message posted as an
// interaction's answer is best edited through that interaction's webhook (no channel permission
// needed, no global rate limit) while its token lives. InteractionReply records the token here
// when it posts; DiscordChat reads it when it edits. Both are given the same InteractionTokens.

/** Interaction tokens live 15 minutes; edits switch to the channel a minute before. */
export const TOKEN_EDIT_WINDOW_MS = 14 * 60_000;

/** How to edit a message through the interaction that created it. Kept in memory only. */
export interface InteractionMessage {
  readonly applicationId: string;
  /** The interaction token: a secret for 15 minutes; never logged, never stored. */
  readonly token: string;
  /** The interaction's original response (edited as @original) rather than a follow-up. */
  readonly original: boolean;
  /** When the interaction arrived (the token's life starts then). */
  readonly receivedAt: number;
}

export class InteractionTokens {
  readonly #byMessage = new Map<string, InteractionMessage>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** `messageId` can be edited through its interaction's webhook (until its token expires). */
  remember(messageId: string, message: InteractionMessage): void {
    this.#forgetExpired();
    this.#byMessage.set(messageId, message);
  }

  /** The interaction to edit `messageId` through, while its token is fresh. */
  fresh(messageId: string): InteractionMessage | undefined {
    const via = this.#byMessage.get(messageId);
    if (via === undefined) return undefined;
    if (this.#now() - via.receivedAt < TOKEN_EDIT_WINDOW_MS) return via;
    this.#byMessage.delete(messageId);
    return undefined;
  }

  /** The token was refused (expired early, message gone): edit through the channel from now on. */
  forget(messageId: string): void {
    this.#byMessage.delete(messageId);
  }

  /** Entries are kept in the order they came, so the expired ones are at the front. */
  #forgetExpired(): void {
    const now = this.#now();
    for (const [id, via] of this.#byMessage) {
      if (now - via.receivedAt < TOKEN_EDIT_WINDOW_MS) return;
      this.#byMessage.delete(id);
    }
  }
}
