// One reader per option: turns what the user typed (or Discord's typed value) into the field's
// value, or a coded error. Model-dependent rules live in rules.ts.

import {
  MODEL_IDS,
  MOTIONS,
  type ModelId,
  type Motion,
  PROMPT_MAX_CHARS,
  QUALITIES,
  type Quality,
  SEED_MAX,
  SEED_MIN,
  STYLES,
  type Style,
  THINKING,
  type Thinking,
} from "./catalog.ts";
import { type CommandError, commandError, type RequestField } from "./errors.ts";
import { nearestWord } from "./grammar/distance.ts";
import { codePointLength } from "./text.ts";

export type Read<T> = { ok: true; value: T } | { ok: false; error: CommandError };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(error: CommandError): Read<T> => ({ ok: false, error });

const show = (v: string | number | boolean): string => (typeof v === "string" ? v.trim() : String(v));

function needsValue<T>(
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

export function readPrompt(value: string): Read<string> {
  if (value.trim() === "") {
    return fail(
      commandError(
        "missing_prompt",
        "prompt",
        "Describe the video you want, e.g. /video a fox running in snow.",
      ),
    );
  }
  return readText(value, "prompt");
}

export function readNegativePrompt(value: string): Read<string | null> {
  return value.trim() === "" ? ok(null) : readText(value, "negativePrompt");
}

function readText(value: string, field: "prompt" | "negativePrompt"): Read<string> {
  const trimmed = value.trim();
  const length = trimmed.length <= PROMPT_MAX_CHARS ? trimmed.length : codePointLength(trimmed);
  if (length > PROMPT_MAX_CHARS) {
    const what = field === "prompt" ? "The prompt" : "The negative prompt";
    return fail(
      commandError(
        "prompt_too_long",
        field,
        `${what} is ${length} characters; the limit is ${PROMPT_MAX_CHARS}. Shorten it by ${length - PROMPT_MAX_CHARS}.`,
        { given: `${length} characters`, allowed: [`1–${PROMPT_MAX_CHARS} characters`] },
      ),
    );
  }
  return ok(trimmed);
}

const DURATION = /^(\d+)\s*(?:s|sec|secs|second|seconds)?$/iu;

/**
 * A whole number of seconds; membership in the model's list is checked by the rules. `allowed`
 * (the model's durations) only shapes the suggestion for a value that is not a whole number.
 */
export function readDuration(value: string | number, allowed: readonly number[]): Read<number> {
  const text = typeof value === "number" ? String(value) : value.trim();
  if (text === "") return needsValue("invalid_duration", "duration", "duration", "8");
  const match = typeof value === "number" ? null : DURATION.exec(text);
  const seconds =
    typeof value === "number" ? value : match?.[1] === undefined ? Number.NaN : Number(match[1]);
  if (Number.isInteger(seconds) && seconds > 0) return ok(seconds);
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

const RATIO = /^(\d{1,2})\s*[:x×/]\s*(\d{1,2})$/iu;
const RATIO_WORDS: Readonly<Record<string, string>> = {
  square: "1:1",
  portrait: "9:16",
  vertical: "9:16",
  landscape: "16:9",
  horizontal: "16:9",
  widescreen: "16:9",
  cinema: "21:9",
  cinematic: "21:9",
  ultrawide: "21:9",
};

/** "9:16", "9x16", "9/16" or a word like "portrait" → "9:16"; membership is checked by the rules. */
export function readRatio(value: string): Read<string> {
  const text = value.trim().toLowerCase();
  if (text === "") return needsValue("invalid_ratio", "ratio", "ratio", "9:16");
  const word = RATIO_WORDS[text];
  if (word !== undefined) return ok(word);
  const match = RATIO.exec(text);
  if (match?.[1] !== undefined && match[2] !== undefined)
    return ok(`${Number(match[1])}:${Number(match[2])}`);
  return fail(
    commandError(
      "invalid_ratio",
      "ratio",
      `Ratio "${value.trim()}" isn't an aspect ratio; write it like 16:9 or 9:16.`,
      {
        given: value.trim(),
      },
    ),
  );
}

const QUALITY_WORDS: Readonly<Record<string, Quality>> = {
  hd: "720p",
  fhd: "1080p",
  fullhd: "1080p",
  sd: "540p",
};

export function readQuality(value: string): Read<Quality> {
  const text = value.trim().toLowerCase();
  if (text === "") return needsValue("invalid_quality", "quality", "quality", "720p", QUALITIES);
  const candidate = QUALITY_WORDS[text] ?? (/^\d+$/u.test(text) ? `${text}p` : text);
  const found = QUALITIES.find((q) => q === candidate);
  if (found !== undefined) return ok(found);
  const digits = Number(/\d+/u.exec(text)?.[0] ?? Number.NaN);
  // 4k, 8k, uhd, 2160p…: more than we offer, so the best there is.
  const beyond = /^\d+k$|^uhd$/u.test(text) || digits > 1080;
  const suggestion = beyond
    ? "1080p"
    : Number.isFinite(digits)
      ? nearestNumber(digits, QUALITIES, (q) => Number.parseInt(q, 10))
      : nearestWord(text, QUALITIES);
  return fail(
    commandError(
      "invalid_quality",
      "quality",
      `Quality "${value.trim()}" isn't offered; choose 360p, 540p, 720p or 1080p${suggestion ? `. Did you mean ${suggestion}?` : "."}`,
      { given: value.trim(), allowed: QUALITIES, suggestion },
    ),
  );
}

const MODEL_PREFIX = /^(?:pixverse)?[-/\s_]?v?/u;

export function readModel(value: string): Read<ModelId> {
  const text = value.trim().toLowerCase();
  if (text === "") return needsValue("invalid_model", "model", "model", "v6", MODEL_IDS);
  const bare = text.replace(MODEL_PREFIX, "");
  const found = MODEL_IDS.find((m) => m.slice(1) === bare);
  if (found !== undefined) return ok(found);
  const suggestion = nearestWord(text.startsWith("v") ? text : `v${bare}`, MODEL_IDS, 2);
  return fail(
    commandError(
      "invalid_model",
      "model",
      `Model "${value.trim()}" isn't available; choose v5.6 or v6${suggestion ? `. Did you mean ${suggestion}?` : "."}`,
      { given: value.trim(), allowed: MODEL_IDS, suggestion },
    ),
  );
}

const TRUE_WORDS = new Set(["on", "true", "yes"]);
const FALSE_WORDS = new Set(["off", "false", "no"]);

export function readAudio(value: string | boolean): Read<boolean> {
  if (typeof value === "boolean") return ok(value);
  const text = value.trim().toLowerCase();
  if (TRUE_WORDS.has(text)) return ok(true);
  if (FALSE_WORDS.has(text)) return ok(false);
  if (text === "") return needsValue("invalid_audio", "audio", "audio", "off", ["on", "off"]);
  return fail(
    commandError(
      "invalid_audio",
      "audio",
      `Audio "${value.trim()}" isn't on or off; write audio:on or audio:off.`,
      {
        given: value.trim(),
        allowed: ["on", "off", "true", "false", "yes", "no"],
        suggestion: nearestWord(text, ["on", "off", "true", "false", "yes", "no"], 2),
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

const STYLE_WORDS: Readonly<Record<string, Style>> = { "3d": "3d_animation", animation: "3d_animation" };

export function readStyle(value: string): Read<Style | null> {
  const text = value
    .trim()
    .toLowerCase()
    .replaceAll(/[-\s]+/gu, "_");
  if (text === "" || text === "none") return ok(null);
  const found = STYLE_WORDS[text] ?? STYLES.find((s) => s === text);
  if (found !== undefined) return ok(found);
  return choiceError("invalid_style", "style", value, STYLES);
}

export function readMotion(value: string): Read<Motion> {
  const text = value.trim().toLowerCase();
  const found = MOTIONS.find((m) => m === text);
  if (found !== undefined) return ok(found);
  if (text === "") return needsValue("invalid_motion", "motion", "motion", "fast", MOTIONS);
  return choiceError("invalid_motion", "motion", value, MOTIONS);
}

const THINKING_WORDS: Readonly<Record<string, Thinking>> = {
  on: "enabled",
  yes: "enabled",
  true: "enabled",
  enable: "enabled",
  off: "disabled",
  no: "disabled",
  false: "disabled",
  disable: "disabled",
};

export function readThinking(value: string): Read<Thinking> {
  const text = value.trim().toLowerCase();
  const found = THINKING.find((t) => t === text) ?? THINKING_WORDS[text];
  if (found !== undefined) return ok(found);
  if (text === "") return needsValue("invalid_thinking", "thinking", "thinking", "enabled", THINKING);
  return choiceError("invalid_thinking", "thinking", value, THINKING);
}

export function readImageUrl(value: string, field: "firstFrame" | "lastFrame"): Read<string | null> {
  const text = value.trim().replace(/^<(.*)>$/u, "$1"); // Slack wraps links in <…>
  const key = field === "firstFrame" ? "image" : "last_image";
  if (text === "") return needsValue("invalid_image", field, key, "https://example.com/photo.png");
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url !== undefined && (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "") {
    return ok(url.href);
  }
  return fail(
    commandError(
      "invalid_image",
      field,
      `${key} must be a link to an image (https://…); "${text}" isn't one.`,
      {
        given: text,
      },
    ),
  );
}

function choiceError<T>(
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
