// RawRequest (text from the grammar, or Discord's typed options) → VideoRequest, or every error
// at once. Pure; no I/O.

import { CATALOG, DEFAULTS, type Mode, type ModelId, type Quality, type Ratio } from "./catalog.ts";
import { type CommandError, commandError, type RequestField } from "./errors.ts";
import {
  type Read,
  readAudio,
  readDuration,
  readImageUrl,
  readModel,
  readMotion,
  readNegativePrompt,
  readPrompt,
  readQuality,
  readRatio,
  readSeed,
  readStyle,
  readThinking,
} from "./fields/index.ts";
import { type RawRequest, rawRequestSchema, type VideoRequest, videoRequestSchema } from "./request.ts";
import { checkCombination, checkDuration, checkRatio } from "./rules.ts";

export type Validation = { ok: true; request: VideoRequest } | { ok: false; errors: CommandError[] };

export function validateRequest(input: unknown): Validation {
  const parsed = rawRequestSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const field = String(issue.path[0] ?? "request");
        return commandError(
          issue.code === "unrecognized_keys" ? "unknown_option" : codeFor(field),
          issue.code === "unrecognized_keys" ? String(issue.keys[0] ?? field) : field,
          `${field}: ${issue.message}`,
        );
      }),
    };
  }
  return validateRaw(parsed.data);
}

function codeFor(field: string): CommandError["code"] {
  const codes: Partial<Record<string, CommandError["code"]>> = {
    prompt: "prompt_too_long",
    negativePrompt: "prompt_too_long",
    duration: "invalid_duration",
    ratio: "invalid_ratio",
    quality: "invalid_quality",
    model: "invalid_model",
    audio: "invalid_audio",
    seed: "invalid_seed",
    style: "invalid_style",
    motion: "invalid_motion",
    thinking: "invalid_thinking",
    firstFrame: "invalid_image",
    lastFrame: "invalid_image",
  };
  return codes[field] ?? "unknown_option";
}

/** Validates a RawRequest whose shape is already known to be right. */
export function validateRaw(raw: RawRequest): Validation {
  const errors: CommandError[] = [];
  const take = <T>(read: Read<T> | undefined, fallback: T): { value: T; valid: boolean } => {
    if (read === undefined) return { value: fallback, valid: true };
    if (read.ok) return { value: read.value, valid: true };
    errors.push(read.error);
    return { value: fallback, valid: false };
  };

  const model = take(raw.model === undefined ? undefined : readModel(raw.model), DEFAULTS.model as ModelId);
  const prompt = take(readPrompt(raw.prompt ?? ""), "");
  const negativePrompt = take(
    raw.negativePrompt === undefined ? undefined : readNegativePrompt(raw.negativePrompt),
    null,
  );
  const duration = take(
    raw.duration === undefined
      ? undefined
      : readDuration(raw.duration, CATALOG[model.valid ? model.value : DEFAULTS.model].durations),
    DEFAULTS.duration as number,
  );
  const ratioText = take(raw.ratio === undefined ? undefined : readRatio(raw.ratio), null as string | null);
  const quality = take(
    raw.quality === undefined ? undefined : readQuality(raw.quality),
    DEFAULTS.quality as Quality,
  );
  const audio = take(raw.audio === undefined ? undefined : readAudio(raw.audio), DEFAULTS.audio as boolean);
  const seed = take(raw.seed === undefined ? undefined : readSeed(raw.seed), null);
  const style = take(raw.style === undefined ? undefined : readStyle(raw.style), null);
  const motion = take(raw.motion === undefined ? undefined : readMotion(raw.motion), DEFAULTS.motion);
  const thinking = take(
    raw.thinking === undefined ? undefined : readThinking(raw.thinking),
    DEFAULTS.thinking,
  );
  const firstFrame = take(
    raw.firstFrame === undefined ? undefined : readImageUrl(raw.firstFrame, "firstFrame"),
    null,
  );
  const lastFrame = take(
    raw.lastFrame === undefined ? undefined : readImageUrl(raw.lastFrame, "lastFrame"),
    null,
  );

  if (lastFrame.value !== null && firstFrame.valid && firstFrame.value === null) {
    errors.push(
      commandError(
        "missing_first_frame",
        "lastFrame",
        "A last frame needs a first frame too: add image:<link>.",
        {
          given: lastFrame.value,
        },
      ),
    );
  }
  const mode: Mode =
    firstFrame.value === null ? "text-to-video" : lastFrame.value === null ? "image-to-video" : "transition";

  let ratio: Ratio | null = null;
  if (model.valid) {
    const spec = CATALOG[model.value];
    if (duration.valid) pushIf(errors, checkDuration(spec, duration.value));
    if (ratioText.valid) {
      // Image modes take the image's shape unless a ratio is given; text-to-video defaults to 16:9.
      const wanted = ratioText.value ?? (mode === "text-to-video" ? DEFAULTS.ratio : null);
      if (wanted !== null) {
        const checked = checkRatio(spec, wanted);
        pushIf(errors, checked.error);
        ratio = checked.ratio ?? null;
      }
    }
    const combinationValid = duration.valid && quality.valid && motion.valid && style.valid && thinking.valid;
    if (combinationValid && errors.every((e) => e.field !== "duration")) {
      errors.push(
        ...checkCombination(spec, {
          duration: duration.value,
          quality: quality.value,
          motion: motion.value,
          style: style.value,
          thinking: thinking.value,
        }),
      );
    }
  }

  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  const request: VideoRequest = {
    model: model.value,
    mode,
    prompt: prompt.value,
    negativePrompt: negativePrompt.value,
    duration: duration.value,
    ratio,
    quality: quality.value,
    audio: audio.value,
    seed: seed.value,
    style: style.value,
    motion: motion.value,
    thinking: thinking.value,
    firstFrame: firstFrame.value,
    lastFrame: lastFrame.value,
  };
  // The contract every later layer relies on; a failure here is a bug in the readers above.
  return { ok: true, request: videoRequestSchema.parse(request) };
}

function pushIf(errors: CommandError[], error: CommandError | undefined): void {
  if (error !== undefined) errors.push(error);
}

const FIELD_ORDER: readonly RequestField[] = [
  "prompt",
  "model",
  "duration",
  "ratio",
  "quality",
  "audio",
  "negativePrompt",
  "seed",
  "style",
  "motion",
  "thinking",
  "firstFrame",
  "lastFrame",
];

/** Errors in the order the options appear in help, so the report reads top to bottom. */
function sortErrors(errors: CommandError[]): CommandError[] {
  const rank = (e: CommandError): number => {
    const i = FIELD_ORDER.indexOf(e.field as RequestField);
    return i === -1 ? -1 : i;
  };
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
}
