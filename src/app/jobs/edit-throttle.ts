// Progress edits, throttled and coalesced per message: at most one edit every `intervalMs` for a
// message, and the newest state always lands (intermediate ones are dropped, never queued), so
// progress can never hit a platform's rate limits. An edit the platform refuses is reported to
// `onError` (main.ts logs it with the message), never dropped silently; the next one still goes.

import type { View } from "../../core/views/view.ts";
import type { MessageRef } from "../ports.ts";

/** Timers, injectable so tests run on a fake clock. */
export interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Slot {
  lastSentAt: number;
  pending: View | undefined;
  timer: unknown;
  inFlight: Promise<void> | undefined;
}

export class EditThrottle {
  readonly #edit: (message: MessageRef, view: View) => Promise<void>;
  readonly #intervalMs: number;
  readonly #idleMs: number;
  readonly #timers: Timers;
  readonly #slots = new Map<string, Slot>();
  readonly #onError: (error: unknown, message: MessageRef) => void;

  constructor(
    edit: (message: MessageRef, view: View) => Promise<void>,
    options: {
      intervalMs: number;
      /** How stale a message may get before touch() refreshes it (default: `intervalMs`). */
      idleMs?: number;
      timers?: Timers;
      /** Told of every edit the platform refused (a deleted message, a rejected body). */
      onError: (error: unknown, message: MessageRef) => void;
    },
  ) {
    this.#edit = edit;
    this.#intervalMs = options.intervalMs;
    this.#idleMs = Math.max(options.intervalMs, options.idleMs ?? options.intervalMs);
    this.#timers = options.timers ?? realTimers;
    this.#onError = options.onError;
  }

  /** Shows `view` on `message`: now if the interval allows, else when it does (if still the newest). */
  update(message: MessageRef, view: View): void {
    const key = keyOf(message);
    const slot = this.#slots.get(key) ?? {
      lastSentAt: Number.NEGATIVE_INFINITY,
      pending: undefined,
      timer: undefined,
      inFlight: undefined,
    };
    this.#slots.set(key, slot);
    slot.pending = view;
    if (slot.timer !== undefined) return;
    const wait = slot.lastSentAt + this.#intervalMs - this.#timers.now();
    if (wait <= 0) this.#send(key, slot, message);
    else slot.timer = this.#timers.setTimeout(() => this.#send(key, slot, message), wait);
  }

  /**
   * Shows `view`, which says nothing new but the time (a poll with no progress), only if this
   * message was last edited here `idleMs` ago or more, never here, or has an edit pending anyway.
   */
  touch(message: MessageRef, view: View): void {
    const slot = this.#slots.get(keyOf(message));
    if (
      slot !== undefined &&
      slot.pending === undefined &&
      slot.timer === undefined &&
      this.#timers.now() - slot.lastSentAt < this.#idleMs
    )
      return;
    this.update(message, view);
  }

  /** Sends any pending view at once (a final state must not wait), and resolves when edits are done. */
  async flush(message: MessageRef): Promise<void> {
    const key = keyOf(message);
    const slot = this.#slots.get(key);
    if (slot === undefined) return;
    if (slot.timer !== undefined) this.#timers.clearTimeout(slot.timer);
    slot.timer = undefined;
    if (slot.pending !== undefined) this.#send(key, slot, message);
    await slot.inFlight;
    if (slot.pending === undefined && slot.timer === undefined) this.#slots.delete(key);
  }

  #send(key: string, slot: Slot, message: MessageRef): void {
    slot.timer = undefined;
    const view = slot.pending;
    if (view === undefined) return;
    slot.pending = undefined;
    slot.lastSentAt = this.#timers.now();
    // Edits of one message go out in order: each waits for the one before it.
    const previous = slot.inFlight ?? Promise.resolve();
    slot.inFlight = previous
      .then(() => this.#edit(message, view))
      .catch((error: unknown) => this.#onError(error, message));
    if (!this.#slots.has(key)) this.#slots.set(key, slot);
  }
}

const keyOf = (message: MessageRef): string =>
  `${message.conversation.platform}:${message.conversation.channelId}:${message.messageId}`;
