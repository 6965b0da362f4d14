// What the fake PixVerse accepts on each generate endpoint (reference/providers.md §1): strict, so
// a field PixVerse doesn't have is refused like the real API refuses it.

import { z } from "zod";

const optional = {
  negative_prompt: z.string().max(2048).optional(),
  seed: z.number().int().min(0).max(2147483647).optional(),
  motion_mode: z.enum(["normal", "fast"]).optional(),
  style: z.enum(["anime", "3d_animation", "clay", "comic", "cyberpunk"]).optional(),
  generate_audio_switch: z.boolean().optional(),
  thinking_type: z.enum(["enabled", "disabled", "auto"]).optional(),
  water_mark: z.boolean().optional(),
};
const required = {
  prompt: z.string().min(1).max(2048),
  model: z.enum(["v5.6", "v6", "c1"]), // reference/providers.md §1: "c1" takes v6's durations
  duration: z.number().int().min(1).max(15),
  quality: z.enum(["360p", "540p", "720p", "1080p"]),
};
const ratio = z.enum(["16:9", "4:3", "1:1", "3:4", "9:16", "2:3", "3:2", "21:9"]);
const imageId = z.string().regex(/^\d+$/u); // checked as a JSON number in the raw body below

// generate_multi_clip_switch: a bool on text and img generate only, for v5.5 and v6 (reference/
// providers.md §1); the transition endpoint has no such field.
const multiClip = { generate_multi_clip_switch: z.boolean().optional() };
const multiClipModels = (b: { model: string; generate_multi_clip_switch?: boolean | undefined }): boolean =>
  b.generate_multi_clip_switch !== true || b.model === "v6";
const onlyV6 = {
  message: "generate_multi_clip_switch is for v5.5 and v6",
  path: ["generate_multi_clip_switch"],
};
// Extend (docs.platform.pixverse.ai extend-generation-19094393e0): the video to continue is one of
// this account's (`source_video_id`) or an uploaded one (`video_media_id`), never both; no aspect
// ratio and no thinking switch in its field list; v5.6 and v6 here (C1 isn't listed).
const { thinking_type: _thinking, ...extendOptional } = optional;
const extendBody = z
  .object({
    ...required,
    ...extendOptional,
    model: z.enum(["v5.6", "v6"]),
    source_video_id: imageId.optional(),
    video_media_id: imageId.optional(),
  })
  .strict()
  .refine((b) => (b.source_video_id === undefined) !== (b.video_media_id === undefined), {
    path: ["source_video_id"],
    message: "choose either source_video_id or video_media_id",
  });

export const SCHEMAS = {
  "/openapi/v2/video/text/generate": z
    .object({ ...required, ...optional, ...multiClip, aspect_ratio: ratio })
    .strict()
    .refine(multiClipModels, onlyV6),
  "/openapi/v2/video/img/generate": z
    .object({ ...required, ...optional, ...multiClip, img_id: imageId })
    .strict()
    .refine(multiClipModels, onlyV6),
  "/openapi/v2/video/transition/generate": z
    .object({ ...required, ...optional, first_frame_img: imageId, last_frame_img: imageId })
    .strict(),
  "/openapi/v2/video/extend/generate": extendBody,
} as const;

/** The fields holding int64 ids, which must be JSON integers. */
const ID_FIELDS = [
  "img_id",
  "first_frame_img",
  "last_frame_img",
  "source_video_id",
  "video_media_id",
] as const;
export type IdField = (typeof ID_FIELDS)[number];

export type Refusal = { readonly ok: false; readonly code: number; readonly message: string };
const refuse = (code: number, message: string): Refusal => ({ ok: false, code, message });

/** A generate body as PixVerse checks it: JSON, image ids as JSON integers, every field known. */
export function checkGenerate(
  path: keyof typeof SCHEMAS,
  contentType: string | undefined,
  body: string,
  known: (field: IdField, id: string) => Refusal | undefined,
): { readonly ok: true; readonly data: Record<string, unknown> } | Refusal {
  if (contentType !== "application/json") return refuse(400, "Content-Type must be application/json");
  // Image ids must be JSON integers: read them as text so the int64 survives.
  const text = body.replace(
    /"(img_id|first_frame_img|last_frame_img|source_video_id|video_media_id)":(\d+)/gu,
    '"$1":"$2"',
  );
  if (text === body && path !== "/openapi/v2/video/text/generate")
    return refuse(400, "image ids must be integers");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refuse(400, "invalid JSON");
  }
  const checked = SCHEMAS[path].safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const named = issue?.code === "unrecognized_keys" ? issue.keys.join(", ") : issue?.path.join(".");
    return refuse(400017, `invalid param: ${named}`);
  }
  const data = checked.data as Record<string, unknown>;
  for (const key of ID_FIELDS) {
    const value = data[key];
    const refused = typeof value === "string" ? known(key, value) : undefined;
    if (refused !== undefined) return refused;
  }
  return { ok: true, data };
}

export type UploadedImage = { readonly url?: string; readonly bytes?: Buffer; readonly type?: string };

/** A multipart upload: the `image` file's bytes or an `image_url` (one of the two). */
export async function readUpload(
  contentType: string | undefined,
  body: Buffer,
): Promise<{ readonly ok: true; readonly image: UploadedImage } | Refusal> {
  const type = contentType ?? "";
  if (!type.startsWith("multipart/form-data")) return refuse(400, "multipart/form-data required");
  const form = await new Request("http://x/", {
    method: "POST",
    headers: { "content-type": type },
    body,
  }).formData();
  const url = form.get("image_url");
  const file = form.get("image");
  if (typeof url === "string" && /^https?:\/\//u.test(url)) return { ok: true, image: { url } };
  if (file instanceof Blob && file.size > 0)
    return { ok: true, image: { bytes: Buffer.from(await file.arrayBuffer()), type: file.type } };
  return refuse(400, "image or image_url required");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** Every call: the API-KEY, and an Ai-trace-id that is a UUID never seen before (it is remembered). */
export function checkHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  apiKey: string,
  seen: Set<string>,
): Refusal | undefined {
  if (headers["api-key"] !== apiKey) return refuse(10002, "API-KEY is invalid");
  const trace = headers["ai-trace-id"];
  if (typeof trace !== "string" || !UUID.test(trace)) return refuse(400, "Ai-trace-id must be a UUID");
  if (seen.has(trace)) return refuse(400, "Ai-trace-id must be unique per request");
  seen.add(trace);
  return undefined;
}
