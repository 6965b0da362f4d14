import { z } from "zod";
import {
  MODEL_IDS,
  MODES,
  MOTIONS,
  PROMPT_MAX_CHARS,
  QUALITIES,
  RATIOS,
  SEED_MAX,
  SEED_MIN,
  STYLES,
  THINKING,
} from "./catalog.ts";
import { codePointLength } from "./text.ts";

// What an adapter hands the validator: text values from the grammar, or typed values from
// Discord's slash options. Anything else (objects, NaN, megabyte strings) is refused up front.
const LONGEST_VALUE = 16 * 1024;
const text = z.string().max(LONGEST_VALUE);
const integerish = z.union([text, z.number().finite()]);

export const rawRequestSchema = z
  .object({
    prompt: text,
    negativePrompt: text,
    duration: integerish,
    ratio: text,
    quality: text,
    model: text,
    audio: z.union([text, z.boolean()]),
    seed: integerish,
    style: text,
    motion: text,
    thinking: text,
    shots: z.union([text, z.boolean()]),
    firstFrame: text,
    lastFrame: text,
  })
  .partial()
  .strict();

export type RawRequest = z.infer<typeof rawRequestSchema>;

/**
 * The finished video an `extend` request continues, as its provider knows it: the job that made
 * it, the provider and the provider's own id for it (PixVerse's `video_id`), and its video's link
 * (fal takes the video by URL).
 */
export const extendSourceSchema = z
  .object({
    jobId: z.string().min(1),
    provider: z.string().min(1),
    id: z.string().min(1),
    videoUrl: z.url({ protocol: /^(https?|file)$/ }),
  })
  .strict();
export type ExtendSource = z.infer<typeof extendSourceSchema>;

/** A request the catalog accepts: the one shape every later layer (queue, providers, DB) stores. */
export const videoRequestSchema = z
  .object({
    model: z.enum(MODEL_IDS),
    mode: z.enum(MODES),
    prompt: z.string().min(1),
    negativePrompt: z.string().nullable(),
    duration: z.number().int().min(1),
    ratio: z.enum(RATIOS).nullable(),
    quality: z.enum(QUALITIES),
    audio: z.boolean(),
    seed: z.number().int().min(SEED_MIN).max(SEED_MAX).nullable(),
    style: z.enum(STYLES).nullable(),
    motion: z.enum(MOTIONS),
    thinking: z.enum(THINKING),
    // Multi-shot; absent in jobs stored before it existed.
    shots: z.boolean().default(false),
    firstFrame: z.url({ protocol: /^https?$/ }).nullable(),
    lastFrame: z.url({ protocol: /^https?$/ }).nullable(),
    /** Only on `extend`: what it continues. Absent from every other request (and older rows). */
    source: extendSourceSchema.optional(),
  })
  .strict()
  .refine((r) => codePointLength(r.prompt) <= PROMPT_MAX_CHARS, "prompt too long")
  .refine(
    (r) => r.mode === "text-to-video" || r.mode === "extend" || r.firstFrame !== null,
    "image modes need a first frame",
  )
  .refine(
    (r) =>
      (r.mode === "extend") === (r.source !== undefined) && (r.mode !== "extend" || r.firstFrame === null),
    "an extend request has a source video and no frames; no other request has a source",
  )
  .refine((r) => r.mode === "transition" || r.lastFrame === null, "only transitions have a last frame");

export type VideoRequest = z.infer<typeof videoRequestSchema>;
