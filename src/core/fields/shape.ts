// What the video is: its aspect ratio, quality and model.

import { listWords, MODEL_IDS, type ModelId, QUALITIES, type Quality } from "../catalog.ts";
import { commandError } from "../errors.ts";
import { nearestWord } from "../grammar/distance.ts";
import { fail, nearestNumber, needsValue, ok, type Read } from "./read.ts";

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
/** "v6" is also "6", "pixverse-v6", "pixverse/v6"; "c1" also "pixverse-c1". */
const bareModel = (id: string): string => id.replace(/^v/u, "");

export function readModel(value: string): Read<ModelId> {
  const text = value.trim().toLowerCase();
  if (text === "") return needsValue("invalid_model", "model", "model", "v6", MODEL_IDS);
  const bare = text.replace(MODEL_PREFIX, "");
  const found = MODEL_IDS.find((m) => bareModel(m) === bare);
  if (found !== undefined) return ok(found);
  // A version number suggests the nearest version (pixverse-v5 → v5.6), not the nearest spelling;
  // models named otherwise (c1) are matched by spelling.
  const version = Number(bare);
  const versions = MODEL_IDS.filter((m) => Number.isFinite(Number(bareModel(m))));
  const suggestion =
    bare !== "" && Number.isFinite(version)
      ? nearestNumber(version, versions, (m) => Number(bareModel(m)))
      : (nearestWord(text, MODEL_IDS, 2) ?? nearestWord(`v${bare}`, MODEL_IDS, 2));
  return fail(
    commandError(
      "invalid_model",
      "model",
      `Model "${value.trim()}" isn't available; choose ${listWords(MODEL_IDS)}${suggestion ? `. Did you mean ${suggestion}?` : "."}`,
      { given: value.trim(), allowed: MODEL_IDS, suggestion },
    ),
  );
}
