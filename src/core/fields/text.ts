// The free-text fields: prompt and negative prompt.

import { PROMPT_MAX_CHARS } from "../catalog.ts";
import { commandError } from "../errors.ts";
import { codePointLength } from "../text.ts";
import { fail, needsValue, ok, type Read } from "./read.ts";

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

/** Given with no words, it is an error like any option without a value (`--ar` alone). */
export function readNegativePrompt(value: string): Read<string | null> {
  return value.trim() === ""
    ? needsValue("invalid_negative", "negativePrompt", "negative", "people, text")
    : readText(value, "negativePrompt");
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
