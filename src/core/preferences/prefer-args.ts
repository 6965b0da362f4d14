// `/framecast prefer …` as typed: nothing (show), `clear [keys…]`, or `key:value` pairs. The keys
// are /video's own spellings (model, quality · q · res, ratio · ar · aspect, audio) plus `suffix`,
// which runs to the next key (or sits in quotes); `none` unsets one preference.

import { listWords, RATIOS } from "../catalog.ts";
import { readAudio, readModel, readQuality, readRatio } from "../fields/index.ts";
import { lookupKey } from "../grammar/keys.ts";
import { PREFERENCE_KEYS, type PreferenceKey, type Preferences, preferencesSchema } from "./preferences.ts";

export type PreferChange = { readonly [K in PreferenceKey]?: Preferences[K] | null };

export type PreferCommand =
  | { readonly kind: "show" }
  | { readonly kind: "clear"; readonly keys: readonly PreferenceKey[] }
  | { readonly kind: "set"; readonly change: PreferChange }
  | { readonly kind: "invalid"; readonly errors: readonly string[] };

const KEY_AT = /(^|\s)([\p{L}_-]+)\s*[:=]/gu;
const UNSET = new Set(["none", "default", "unset"]);
const QUOTES: Readonly<Record<string, string>> = { '"': '"', "“": "”", "'": "'" };
const EXAMPLE = "/framecast prefer model:v6 quality:720p ratio:9:16 audio:off suffix:cinematic lighting";

function preferenceKey(word: string): PreferenceKey | undefined {
  const lower = word.toLowerCase();
  if (lower === "suffix" || lower === "prompt_suffix") return "suffix";
  const field = lookupKey(lower);
  return PREFERENCE_KEYS.find((k) => k === field);
}

export function parsePreferArgs(text: string): PreferCommand {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "show" };
  const [first, ...rest] = trimmed.split(/\s+/u);
  if (first?.toLowerCase() === "clear") return clearCommand(rest);
  const segments = splitSegments(trimmed);
  if (!segments.ok) return { kind: "invalid", errors: [segments.error] };
  const errors: string[] = [];
  const change: Record<string, unknown> = {};
  for (const { key, value } of segments.pairs) {
    if (key in change) errors.push(`You gave ${key} more than once; give it once.`);
    const read = readPreference(key, value);
    if (read.ok) change[key] = read.value;
    else errors.push(read.error);
  }
  if (errors.length > 0) return { kind: "invalid", errors };
  return { kind: "set", change: change as PreferChange };
}

function clearCommand(words: readonly string[]): PreferCommand {
  if (words.length === 0) return { kind: "clear", keys: PREFERENCE_KEYS };
  const keys = words.map((w) => [w, preferenceKey(w.replace(/[:=]$/u, ""))] as const);
  const unknown = keys.filter(([, k]) => k === undefined).map(([w]) => w);
  if (unknown.length > 0)
    return {
      kind: "invalid",
      errors: [
        `Can't clear ${listWords(unknown, "and")}: preferences are ${listWords([...PREFERENCE_KEYS])}.`,
      ],
    };
  return { kind: "clear", keys: [...new Set(keys.flatMap(([, k]) => (k === undefined ? [] : [k])))] };
}

type Segments = { ok: true; pairs: { key: PreferenceKey; value: string }[] } | { ok: false; error: string };

/** `model:v6 suffix:a b c ratio:1:1` → key/value pairs; a quoted suffix may hold anything. */
function splitSegments(text: string): Segments {
  const found = [...text.matchAll(KEY_AT)].flatMap((m) => {
    const key = preferenceKey(m[2] ?? "");
    const start = (m.index ?? 0) + (m[1] ?? "").length;
    return key === undefined ? [] : [{ key, start, valueAt: (m.index ?? 0) + m[0].length }];
  });
  const lead = text.slice(0, found[0]?.start ?? text.length).trim();
  if (lead !== "" || found.length === 0)
    return {
      ok: false,
      error: `"${lead || text}" isn't a preference. Write key:value with ${listWords([...PREFERENCE_KEYS])}, e.g. ${EXAMPLE}; or /framecast prefer clear.`,
    };
  const pairs: { key: PreferenceKey; value: string }[] = [];
  for (let i = 0; i < found.length; i++) {
    const at = found[i];
    if (at === undefined) continue;
    const close = QUOTES[text.charAt(at.valueAt)];
    const end = close === undefined ? -1 : text.indexOf(close, at.valueAt + 1);
    if (at.key === "suffix" && end !== -1) {
      pairs.push({ key: at.key, value: text.slice(at.valueAt + 1, end) });
      while ((found[i + 1]?.start ?? Number.POSITIVE_INFINITY) < end) i++;
      const after = text.slice(end + 1, found[i + 1]?.start ?? text.length).trim();
      if (after !== "") return { ok: false, error: `"${after}" after the quoted suffix isn't a preference.` };
      continue;
    }
    pairs.push({ key: at.key, value: text.slice(at.valueAt, found[i + 1]?.start ?? text.length).trim() });
  }
  return { ok: true, pairs };
}

type ReadOne = { ok: true; value: unknown } | { ok: false; error: string };

function readPreference(key: PreferenceKey, value: string): ReadOne {
  if (value === "")
    return { ok: false, error: `${key} needs a value, e.g. ${key}:${exampleOf(key)} (or ${key}:none).` };
  if (UNSET.has(value.toLowerCase())) return { ok: true, value: null };
  if (key !== "suffix" && /\s/u.test(value))
    return { ok: false, error: `${key} takes one value, not "${value}" (a suffix can hold several words).` };
  const read = key === "suffix" ? { ok: true as const, value } : readValue(key, value);
  if (!read.ok) return read;
  // The stored shape's own check (the suffix's length, ratios the catalog knows).
  const checked = preferencesSchema.safeParse({ [key]: read.value });
  if (!checked.success)
    return { ok: false, error: `${key}: ${checked.error.issues[0]?.message ?? "not a valid value"}.` };
  return { ok: true, value: (checked.data as Record<string, unknown>)[key] };
}

function readValue(key: Exclude<PreferenceKey, "suffix">, value: string): ReadOne {
  const read =
    key === "model"
      ? readModel(value)
      : key === "quality"
        ? readQuality(value)
        : key === "ratio"
          ? readRatio(value)
          : readAudio(value);
  if (!read.ok) return { ok: false, error: read.error.message };
  if (key === "ratio" && !RATIOS.some((r) => r === read.value))
    return {
      ok: false,
      error: `Ratio ${String(read.value)} isn't one any model makes: ${listWords(RATIOS)}.`,
    };
  return { ok: true, value: read.value };
}

const exampleOf = (key: PreferenceKey): string =>
  ({ model: "v6", quality: "720p", ratio: "9:16", audio: "off", suffix: "cinematic lighting" })[key];
