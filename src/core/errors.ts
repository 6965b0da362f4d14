// Expected failures of a command are values with stable codes. Adapters turn them into words
// for their platform; `message` is the default English wording.

export const ERROR_CODES = [
  "missing_prompt",
  "prompt_too_long",
  "invalid_negative",
  "invalid_duration",
  "invalid_ratio",
  "invalid_quality",
  "invalid_model",
  "invalid_audio",
  "invalid_seed",
  "invalid_style",
  "invalid_motion",
  "invalid_thinking",
  "invalid_shots",
  "invalid_image",
  "missing_first_frame",
  "unsupported_combination",
  "unknown_option",
  "duplicate_option",
  "unsupported_by_provider",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The request fields an error can name (plus, for unknown_option, the key as typed). */
export type RequestField =
  | "model"
  | "prompt"
  | "negativePrompt"
  | "duration"
  | "ratio"
  | "quality"
  | "audio"
  | "seed"
  | "style"
  | "motion"
  | "thinking"
  | "shots"
  | "firstFrame"
  | "lastFrame";

export interface CommandError {
  readonly code: ErrorCode;
  /** A request field, or for unknown_option the key exactly as the user typed it. */
  readonly field: string;
  readonly message: string;
  /** What the user gave, verbatim (absent when nothing was given). */
  readonly given?: string;
  /** The values that would have been accepted. */
  readonly allowed?: readonly string[];
  /** The nearest valid value, when there is one worth suggesting. */
  readonly suggestion?: string;
}

export function commandError(
  code: ErrorCode,
  field: string,
  message: string,
  extra: { given?: string; allowed?: readonly string[]; suggestion?: string | undefined } = {},
): CommandError {
  const error: { -readonly [K in keyof CommandError]: CommandError[K] } = { code, field, message };
  if (extra.given !== undefined) error.given = extra.given;
  if (extra.allowed !== undefined) error.allowed = extra.allowed;
  if (extra.suggestion !== undefined) error.suggestion = extra.suggestion;
  return error;
}
