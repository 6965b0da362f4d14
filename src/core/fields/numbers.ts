// Whole-number fields: duration and seed.

import { SEED_MAX, SEED_MIN } from "../catalog.ts";
import { commandError } from "../errors.ts";
import { fail, nearestNumber, needsValue, ok, type Read, show } from "./read.ts";

const DURATION = /^([+-]?\d+)\s*(?:s|sec|secs|second|seconds)?$/iu;

/**
 * A whole number of seconds; membership in the model's list (0 and negatives are never in it) is
 * checked by the rules, which name what the model accepts. `allowed` (the model's durations) only
 * shapes the suggestion for a value that is not a whole number.
 */
export function readDuration(value: string | number, allowed: readonly number[]): Read<number> {
  const text = typeof value === "number" ? String(value) : value.trim();
  if (text === "") return needsValue("invalid_duration", "duration", "duration", "8");
  const match = typeof value === "number" ? null : DURATION.exec(text);
  const seconds =
    typeof value === "number" ? value : match?.[1] === undefined ? Number.NaN : Number(match[1]);
  if (Number.isSafeInteger(seconds)) return ok(seconds);
  const approx =
    typeof value === "number" ? value : Number(text.replace(/\s*(?:s|sec|secs|second|seconds)$/iu, ""));
  const suggestion = Number.isFinite(approx) ? nearestNumber(approx, allowed, (d) => d) : undefined;
  const hint = suggestion === undefined ? " e.g. duration:8." : ` Did you mean ${suggestion}?`;
  return fail(
    commandError(
      "invalid_duration",
      "duration",
      `Duration "${text}" isn't a whole number of seconds.${hint}`,
      {
        given: text,
        allowed: allowed.map(String),
        suggestion: suggestion === undefined ? undefined : String(suggestion),
      },
    ),
  );
}

export function readSeed(value: string | number): Read<number | null> {
  const text = show(value);
  if (text === "") return needsValue("invalid_seed", "seed", "seed", "42");
  if (text.toLowerCase() === "random") return ok(null);
  const n = typeof value === "number" ? value : /^[+-]?\d+$/u.test(text) ? Number(text) : Number.NaN;
  if (Number.isInteger(n) && n >= SEED_MIN && n <= SEED_MAX) return ok(n);
  const suggestion = Number.isInteger(n) ? String(n < SEED_MIN ? SEED_MIN : SEED_MAX) : undefined;
  return fail(
    commandError(
      "invalid_seed",
      "seed",
      `Seed "${text}" must be a whole number from ${SEED_MIN} to ${SEED_MAX} (or leave it out for a random one).`,
      { given: text, allowed: [`${SEED_MIN}–${SEED_MAX}`], suggestion },
    ),
  );
}
