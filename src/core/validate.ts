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
  readShots,
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
    shots: "invalid_shots",
    firstFrame: "invalid_image",
    lastFrame: "invalid_image",
  };
  return codes[field] ?? "unknown_option";
}

/** A field as read: its value (a default when absent or wrong) and whether what was given is valid. */
interface Taken<T> {
  readonly value: T;
  readonly valid: boolean;
}

/** Validates a RawRequest whose shape is already known to be right. */
export function validateRaw(raw: RawRequest): Validation {
  const errors: CommandError[] = [];
  const f = readFields(raw, errors);
  if (f.lastFrame.value !== null && f.firstFrame.valid && f.firstFrame.value === null)
    errors.push(
      commandError(
        "missing_first_frame",
        "lastFrame",
        "A last frame needs a first frame too: add image:<link>.",
        {
          given: f.lastFrame.value,
        },
      ),
    );
  const mode: Mode =
    f.firstFrame.value === null
      ? "text-to-video"
      : f.lastFrame.value === null
        ? "image-to-video"
        : "transition";
  const ratio = f.model.valid ? checkModel(f, mode, errors) : null;
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  const request: VideoRequest = {
    model: f.model.value,
    mode,
    prompt: f.prompt.value,
    negativePrompt: f.negativePrompt.value,
    duration: f.duration.value,
    ratio,
    quality: f.quality.value,
    audio: f.audio.value,
    seed: f.seed.value,
    style: f.style.value,
    motion: f.motion.value,
    thinking: f.thinking.value,
    shots: f.shots.value,
    firstFrame: f.firstFrame.value,
    lastFrame: f.lastFrame.value,
  };
  // The contract every later layer relies on; a failure here is a bug in the readers above.
  return { ok: true, request: videoRequestSchema.parse(request) };
}

/** Every field read on its own (duration against the model's durations), errors collected. */
function readFields(raw: RawRequest, errors: CommandError[]) {
  const take = <T>(read: Read<T> | undefined, fallback: T): Taken<T> => {
    if (read === undefined) return { value: fallback, valid: true };
    if (read.ok) return { value: read.value, valid: true };
    errors.push(read.error);
    return { value: fallback, valid: false };
  };
  const given = <K extends keyof RawRequest, T>(key: K, read: (v: NonNullable<RawRequest[K]>) => Read<T>) =>
    raw[key] === undefined ? undefined : read(raw[key] as NonNullable<RawRequest[K]>);
  const model = take(given("model", readModel), DEFAULTS.model as ModelId);
  const durations = CATALOG[model.valid ? model.value : DEFAULTS.model].durations;
  return {
    model,
    prompt: take(readPrompt(raw.prompt ?? ""), ""),
    negativePrompt: take(given("negativePrompt", readNegativePrompt), null),
    duration: take(
      given("duration", (v) => readDuration(v, durations)),
      DEFAULTS.duration as number,
    ),
    ratioText: take(given("ratio", readRatio), null as string | null),
    quality: take(given("quality", readQuality), DEFAULTS.quality as Quality),
    audio: take(given("audio", readAudio), DEFAULTS.audio as boolean),
    seed: take(given("seed", readSeed), null),
    style: take(given("style", readStyle), null),
    motion: take(given("motion", readMotion), DEFAULTS.motion),
    thinking: take(given("thinking", readThinking), DEFAULTS.thinking),
    shots: take(given("shots", readShots), DEFAULTS.shots as boolean),
    firstFrame: take(
      given("firstFrame", (v) => readImageUrl(v, "firstFrame")),
      null,
    ),
    lastFrame: take(
      given("lastFrame", (v) => readImageUrl(v, "lastFrame")),
      null,
    ),
  };
}

/** The model's own rules: its durations, ratios and combinations. Resolves with the ratio to use. */
function checkModel(f: ReturnType<typeof readFields>, mode: Mode, errors: CommandError[]): Ratio | null {
  const spec = CATALOG[f.model.value];
  let ratio: Ratio | null = null;
  if (f.duration.valid) pushIf(errors, checkDuration(spec, f.duration.value));
  if (f.ratioText.valid) {
    // Image modes take the image's shape unless a ratio is given; text-to-video defaults to 16:9.
    const wanted = f.ratioText.value ?? (mode === "text-to-video" ? DEFAULTS.ratio : null);
    if (wanted !== null) {
      const checked = checkRatio(spec, wanted);
      pushIf(errors, checked.error);
      ratio = checked.ratio ?? null;
    }
  }
  const combinationValid =
    f.duration.valid &&
    f.quality.valid &&
    f.motion.valid &&
    f.style.valid &&
    f.thinking.valid &&
    f.shots.valid;
  if (combinationValid && errors.every((e) => e.field !== "duration"))
    errors.push(
      ...checkCombination(spec, {
        duration: f.duration.value,
        quality: f.quality.value,
        motion: f.motion.value,
        style: f.style.value,
        thinking: f.thinking.value,
        shots: f.shots.value,
      }),
    );
  return ratio;
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
  "shots",
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
