import type { z } from "zod";
import type { ProviderId } from "../app/generation/ports.ts";
import { ProviderError } from "./errors.ts";

/**
 * JSON.parse that keeps integers beyond 2^53 exact, as decimal strings (PixVerse's int64 video
 * and image ids). Uses the reviver's source text (Node 22+), so no dependency is needed.
 */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown, context?: { source?: string }) =>
    typeof value === "number" &&
    !Number.isSafeInteger(value) &&
    context?.source !== undefined &&
    /^-?\d+$/u.test(context.source)
      ? context.source
      : value,
  );
}

/** A provider's answer that is not what its API documents: never retried (it would not change). */
export const unexpectedAnswer = (provider: ProviderId, what: string, detail: string): ProviderError =>
  new ProviderError(provider, `${what}: unexpected answer (${detail})`, { retryable: false });

/** `text` as JSON, or an unexpected-answer error. */
export function jsonAnswer(provider: ProviderId, what: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw unexpectedAnswer(provider, what, "not JSON");
  }
}

/** `json` checked against the documented shape, or an unexpected-answer error naming what differed. */
export function checkedAnswer<T>(provider: ProviderId, what: string, json: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw unexpectedAnswer(provider, what, parsed.error.message);
  return parsed.data;
}
