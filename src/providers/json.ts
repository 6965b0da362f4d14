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
