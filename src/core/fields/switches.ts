// The on/off and choice fields: audio, shots, style, motion, thinking.

import { MOTIONS, type Motion, STYLES, type Style, THINKING, type Thinking } from "../catalog.ts";
import { commandError } from "../errors.ts";
import { nearestWord } from "../grammar/distance.ts";
import { choiceError, fail, needsValue, ok, type Read } from "./read.ts";

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

/** Multi-shot on or off, spelt as audio is. */
export function readShots(value: string | boolean): Read<boolean> {
  if (typeof value === "boolean") return ok(value);
  const text = value.trim().toLowerCase();
  if (TRUE_WORDS.has(text)) return ok(true);
  if (FALSE_WORDS.has(text)) return ok(false);
  if (text === "") return needsValue("invalid_shots", "shots", "shots", "on", ["on", "off"]);
  return fail(
    commandError(
      "invalid_shots",
      "shots",
      `Shots "${value.trim()}" isn't on or off; write shots:on for several cuts in one video (v6), or leave it out.`,
      {
        given: value.trim(),
        allowed: ["on", "off", "true", "false", "yes", "no"],
        suggestion: nearestWord(text, ["on", "off", "true", "false", "yes", "no"], 2),
      },
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
