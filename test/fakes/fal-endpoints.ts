// The PixVerse endpoints the fake fal serves, each with the input schema it enforces: strict, so a
// field the endpoint doesn't have, or a mistyped one, is refused with a 422 like fal's.

import { z } from "zod";

const common = {
  prompt: z.string().min(1),
  resolution: z.enum(["360p", "540p", "720p", "1080p"]).optional(),
  negative_prompt: z.string().optional(),
  style: z.enum(["anime", "3d_animation", "clay", "comic", "cyberpunk"]).optional(),
  thinking_type: z.enum(["enabled", "disabled", "auto"]).optional(),
  generate_audio_switch: z.boolean().optional(),
  seed: z.number().int().optional(),
};
const ratio = z.enum(["16:9", "4:3", "1:1", "3:4", "9:16", "2:3", "3:2", "21:9"]);
// v5.6's duration is a string enum (reference/providers.md §2); v6's an integer, 1–15
// (fal's v6 schema; public fal clients send it as a number [S]).
const v56 = z.enum(["5", "8", "10"]);
const v6 = z.number().int().min(1).max(15);

// C1 (fal-ai/pixverse/c1/…) [S: public fal catalogs; C1 schemas elsewhere list prompt, resolution,
// duration 1–15, aspect_ratio, generate_audio_switch]: no style, no thinking switch.
const c1 = {
  prompt: z.string().min(1),
  resolution: z.enum(["360p", "540p", "720p", "1080p"]).optional(),
  duration: v6.optional(),
  negative_prompt: z.string().optional(),
  generate_audio_switch: z.boolean().optional(),
  seed: z.number().int().optional(),
};

export const ENDPOINTS: Readonly<Record<string, z.ZodType>> = {
  "fal-ai/pixverse/v5.6/text-to-video": z
    .object({ ...common, duration: v56.optional(), aspect_ratio: ratio.optional() })
    .strict(),
  "fal-ai/pixverse/v5.6/image-to-video": z
    .object({ ...common, duration: v56.optional(), image_url: z.string().min(1) })
    .strict(),
  "fal-ai/pixverse/v5.6/transition": z
    .object({
      ...common,
      duration: v56.optional(),
      aspect_ratio: ratio.optional(),
      first_image_url: z.string(),
      end_image_url: z.string(),
    })
    .strict(),
  "fal-ai/pixverse/v6/text-to-video": z
    .object({ ...common, duration: v6.optional(), aspect_ratio: ratio.optional() })
    .strict(),
  "fal-ai/pixverse/v6/image-to-video": z
    .object({ ...common, duration: v6.optional(), image_url: z.string().min(1) })
    .strict(),
  // fal.ai/models/fal-ai/pixverse/v6/transition/llms.txt: first_image_url, end_image_url.
  "fal-ai/pixverse/v6/transition": z
    .object({
      ...common,
      duration: v6.optional(),
      aspect_ratio: ratio.optional(),
      first_image_url: z.string().min(1),
      end_image_url: z.string().min(1).optional(),
    })
    .strict(),
  // fal.ai/models/fal-ai/pixverse/v6/extend/llms.txt: video_url (required), prompt,
  // negative_prompt, style, resolution, duration (integer), generate_audio_switch, seed. No
  // aspect ratio (the video decides) and no thinking switch. No v5.6 or C1 extend is listed.
  "fal-ai/pixverse/v6/extend": z
    .object({
      video_url: z.string().min(1),
      prompt: z.string().min(1),
      negative_prompt: z.string().optional(),
      style: z.enum(["anime", "3d_animation", "clay", "comic", "cyberpunk"]).optional(),
      resolution: z.enum(["360p", "540p", "720p", "1080p"]).optional(),
      duration: v6.optional(),
      generate_audio_switch: z.boolean().optional(),
      seed: z.number().int().optional(),
    })
    .strict(),
  "fal-ai/pixverse/c1/text-to-video": z.object({ ...c1, aspect_ratio: ratio.optional() }).strict(),
  "fal-ai/pixverse/c1/image-to-video": z.object({ ...c1, image_url: z.string().min(1) }).strict(),
  "fal-ai/pixverse/c1/transition": z
    .object({
      ...c1,
      aspect_ratio: ratio.optional(),
      first_image_url: z.string().min(1),
      end_image_url: z.string().min(1).optional(),
    })
    .strict(),
};
