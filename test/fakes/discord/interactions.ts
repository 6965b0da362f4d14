// Interaction state (receiving-and-responding.mdx): one initial response within 3 s of the event,
// else the token is invalidated (10062); a second one is 40060; the token then works for 15
// minutes on the webhook endpoints (50027 after). Times come from the fake's injectable clock.

import type { APIInteraction } from "discord-api-types/v10";
import type { StoredMessage } from "./messages.ts";

export const RESPONSE_DEADLINE_MS = 3_000;
export const TOKEN_TTL_MS = 15 * 60 * 1000;

export interface InteractionRecord {
  readonly payload: APIInteraction;
  /** Fake-clock time the event was injected. */
  readonly receivedAt: number;
  /** The initial response's type and time, once acknowledged. */
  callback?: { readonly type: number; readonly at: number };
  original?: StoredMessage;
  readonly followups: StoredMessage[];
}

export class InteractionStore {
  readonly #byToken = new Map<string, InteractionRecord>();
  readonly #byId = new Map<string, InteractionRecord>();

  /** Records an injected interaction; injecting the same one again (a redelivery) keeps its state. */
  register(payload: APIInteraction, now: number): InteractionRecord {
    const known = this.#byId.get(payload.id);
    if (known !== undefined) return known;
    const record: InteractionRecord = { payload, receivedAt: now, followups: [] };
    this.#byId.set(payload.id, record);
    this.#byToken.set(payload.token, record);
    return record;
  }

  get(id: string): InteractionRecord | undefined {
    return this.#byId.get(id);
  }

  byToken(token: string): InteractionRecord | undefined {
    return this.#byToken.get(token);
  }
}

/** Whether the token still works on the webhook endpoints at `now`. */
export function tokenValid(record: InteractionRecord, now: number): boolean {
  if (now - record.receivedAt > TOKEN_TTL_MS) return false;
  return record.callback !== undefined || now - record.receivedAt <= RESPONSE_DEADLINE_MS;
}
