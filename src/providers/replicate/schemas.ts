import { z } from "zod";

// Replicate's Prediction object (reference/providers.md §3).
export const predictionSchema = z.object({
  id: z.string().min(1),
  status: z.enum(["starting", "processing", "succeeded", "failed", "canceled", "aborted"]),
  output: z.union([z.string(), z.array(z.string()), z.null()]).optional(),
  error: z.union([z.string(), z.null(), z.record(z.string(), z.unknown())]).optional(),
  logs: z.string().nullable().optional(),
  urls: z.object({ get: z.url().optional(), cancel: z.url().optional() }).partial().optional(),
  metrics: z.record(z.string(), z.unknown()).optional(),
});
export type Prediction = z.infer<typeof predictionSchema>;

export const problemSchema = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  status: z.number().optional(),
});
