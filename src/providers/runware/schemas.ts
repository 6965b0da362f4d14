import { z } from "zod";

// Runware answers (reference/providers.md §4): `data` items per task, or `errors`.
export const taskItemSchema = z.object({
  taskType: z.string(),
  taskUUID: z.string(),
  status: z.enum(["pending", "processing", "success", "error"]).optional(),
  videoUUID: z.string().optional(),
  videoURL: z.url().optional(),
  seed: z.number().int().optional(),
  cost: z.number().optional(),
});

export const errorItemSchema = z.object({
  code: z.string().optional(),
  message: z.string(),
  parameter: z.string().optional(),
  taskType: z.string().optional(),
  taskUUID: z.string().optional(),
});

export const replySchema = z.object({
  data: z.array(taskItemSchema).optional(),
  errors: z.array(errorItemSchema).optional(),
});
export type RunwareItem = z.infer<typeof taskItemSchema>;
export type RunwareError = z.infer<typeof errorItemSchema>;
