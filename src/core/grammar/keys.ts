import type { RequestField } from "../errors.ts";
import { editDistance, nearestWord } from "./distance.ts";

/** The option fields a command can set; the names match VideoRequest. */
export type OptionField = RequestField;

/** Free-text options run until the next known key; every other option takes one token. */
export const FREE_TEXT_FIELDS: ReadonlySet<OptionField> = new Set(["prompt", "negativePrompt"]);

/** Canonical key (as shown to users) → field. */
export const CANONICAL_KEYS: Readonly<Record<OptionField, string>> = {
  prompt: "prompt",
  negativePrompt: "negative",
  duration: "duration",
  ratio: "ratio",
  quality: "quality",
  model: "model",
  audio: "audio",
  seed: "seed",
  style: "style",
  motion: "motion",
  thinking: "thinking",
  shots: "shots",
  firstFrame: "image",
  lastFrame: "last_image",
};

/** Every spelling a user may type (lower case, `-` read as `_`) → field. */
const KEY_TABLE: ReadonlyMap<string, OptionField> = new Map<string, OptionField>([
  ["prompt", "prompt"],
  ["negative", "negativePrompt"],
  ["neg", "negativePrompt"],
  ["no", "negativePrompt"],
  ["negative_prompt", "negativePrompt"],
  ["duration", "duration"],
  ["dur", "duration"],
  ["d", "duration"],
  ["ratio", "ratio"],
  ["ar", "ratio"],
  ["aspect", "ratio"],
  ["aspect_ratio", "ratio"],
  ["quality", "quality"],
  ["q", "quality"],
  ["res", "quality"],
  ["resolution", "quality"],
  ["model", "model"],
  ["audio", "audio"],
  ["seed", "seed"],
  ["style", "style"],
  ["motion", "motion"],
  ["motion_mode", "motion"],
  ["thinking", "thinking"],
  ["thinking_type", "thinking"],
  ["shots", "shots"],
  ["multi_shot", "shots"],
  ["multishot", "shots"],
  ["multi_clip", "shots"],
  ["multiclip", "shots"],
  ["image", "firstFrame"],
  ["first_frame", "firstFrame"],
  ["start_image", "firstFrame"],
  ["last_image", "lastFrame"],
  ["last_frame", "lastFrame"],
  ["end_image", "lastFrame"],
]);

export const ALL_KEYS: readonly string[] = [...KEY_TABLE.keys()];

/**
 * How far a word may be from a spelling and still read as a typo of it: two edits, but fewer for
 * short aliases, since ordinary words sit close to them ("Note:" is two edits from `no:`, "Area:"
 * two from `res:`) while real typos of a short key are one edit away (`durr:`).
 */
const typoDistance = (spelling: string): number => Math.min(2, spelling.length - 2);
const FUZZY_KEYS: readonly string[] = ALL_KEYS.filter((k) => typoDistance(k) > 0);

function normaliseKey(key: string): string {
  return key.toLowerCase().replaceAll("-", "_");
}

export function lookupKey(key: string): OptionField | undefined {
  return KEY_TABLE.get(normaliseKey(key));
}

/**
 * The canonical key nearest to an unknown one: a key it starts (`asp` → aspect), else one within
 * `max` edits of any spelling, where short words get fewer edits (`foo` is not `no`).
 */
export function suggestKey(key: string, max = 2): string | undefined {
  const typed = normaliseKey(key);
  const prefixed =
    typed.length >= 3 ? ALL_KEYS.find((k) => k.length > typed.length && k.startsWith(typed)) : undefined;
  const allowed = Math.min(max, Math.max(1, Math.floor(typed.length / 3)));
  const near = prefixed ?? nearestWord(typed, FUZZY_KEYS, allowed);
  if (near === undefined) return undefined;
  const field = KEY_TABLE.get(near);
  return field === undefined ? undefined : CANONICAL_KEYS[field];
}

const LETTERS = /\p{L}/gu;

/**
 * An unquoted `word:value` whose word has at least 4 letters and is within 2 edits of a known
 * key or alias is almost surely a typo (`durration:8`), not prompt text (`at:noon`).
 */
export function looksLikeMistypedKey(key: string): string | undefined {
  if ((key.match(LETTERS)?.length ?? 0) < 4) return undefined;
  const typed = normaliseKey(key);
  let best: OptionField | undefined;
  let bestDistance = 3;
  for (const spelling of FUZZY_KEYS) {
    const d = editDistance(typed, spelling, 2);
    if (d <= typoDistance(spelling) && d < bestDistance) {
      best = KEY_TABLE.get(spelling);
      bestDistance = d;
    }
  }
  return best === undefined ? undefined : CANONICAL_KEYS[best];
}
