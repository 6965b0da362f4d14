import { z } from "zod";

// The shapes PixVerse answers with (reference/providers.md §1). Ids arrive as numbers, or as exact
// decimal strings when beyond 2^53 (see json.ts); both become strings.
const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/u)]).transform(String);

export const envelopeSchema = z.object({
  ErrCode: z.number().int(),
  ErrMsg: z.string().default(""),
  Resp: z.unknown().optional(),
});

/** The upload endpoint's moderation rejection: HTTP 500, lower-case keys. */
export const moderationRejectionSchema = z.object({
  err_code: z.number().int(),
  err_msg: z.string(),
});

export const uploadSchema = z.object({ img_id: id, img_url: z.string().optional() });

export const videoIdSchema = z.object({ video_id: id });

export const resultSchema = z.object({
  id: id.optional(),
  status: z.number().int(),
  url: z.string().optional(),
  seed: z.number().int().optional(),
  outputWidth: z.number().int().optional(),
  outputHeight: z.number().int().optional(),
});
