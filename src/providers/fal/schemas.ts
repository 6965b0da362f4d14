import { z } from "zod";

// The shapes fal's queue answers with (reference/providers.md §2).

export const submitSchema = z.object({
  request_id: z.string().min(1),
  status_url: z.url(),
  response_url: z.url(),
  cancel_url: z.url(),
  status: z.string().optional(),
  queue_position: z.number().int().optional(),
});

export const statusSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("IN_QUEUE"), queue_position: z.number().int().nonnegative().optional() }),
  z.object({ status: z.literal("IN_PROGRESS") }),
  z.object({ status: z.literal("COMPLETED") }),
]);

export const resultSchema = z.object({
  video: z.object({ url: z.url(), content_type: z.string().optional(), file_size: z.number().optional() }),
});

export const errorDetailSchema = z.object({
  detail: z.union([
    z.string(),
    z.array(z.object({ msg: z.string(), loc: z.array(z.union([z.string(), z.number()])).optional() })),
  ]),
});

export const webhookSchema = z.object({
  request_id: z.string().min(1),
  gateway_request_id: z.string().optional(),
  status: z.enum(["OK", "ERROR"]),
  payload: z.unknown().optional(),
  error: z.string().optional(),
});
export type FalWebhook = z.infer<typeof webhookSchema>;
