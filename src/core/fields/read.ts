// What every field reader returns, and the helpers they share.

import { type CommandError, commandError, type RequestField } from "../errors.ts";
import { nearestWord } from "../grammar/distance.ts";

export type Read<T> = { ok: true; value: T } | { ok: false; error: CommandError };

export const ok = <T>(value: T): Read<T> => ({ ok: true, value });
export const fail = <T>(error: CommandError): Read<T> => ({ ok: false, error });

export const show = (v: string | number | boolean): string => (typeof v === "string" ? v.trim() : String(v));

export function needsValue<T>(
  code: CommandError["code"],
  field: RequestField,
  key: string,
  example: string,
  allowed?: readonly string[],
): Read<T> {
  return fail(
    commandError(code, field, `${key} needs a value, e.g. ${key}:${example}.`, { given: "", allowed }),
  );
}

export function choiceError<T>(
  code: CommandError["code"],
  field: RequestField,
  value: string,
  choices: readonly string[],
): Read<T> {
  const given = value.trim();
  const suggestion = nearestWord(given.toLowerCase(), choices, 3);
  const list = choices.join(", ");
  return fail(
    commandError(
      code,
      field,
      `${field[0]?.toUpperCase()}${field.slice(1)} "${given}" isn't one of ${list}${suggestion ? `. Did you mean ${suggestion}?` : "."}`,
      { given, allowed: choices, suggestion },
    ),
  );
}

/** The choice whose numeric value is closest to `n` (the smaller one wins a tie). */
export function nearestNumber<T>(n: number, choices: readonly T[], measure: (c: T) => number): T | undefined {
  let best: T | undefined;
  let bestGap = Number.POSITIVE_INFINITY;
  for (const c of choices) {
    const gap = Math.abs(measure(c) - n);
    if (gap < bestGap) {
      best = c;
      bestGap = gap;
    }
  }
  return best;
}
