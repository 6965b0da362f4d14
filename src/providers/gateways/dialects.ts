import { z } from "zod";
import type { ProviderStatus, Support } from "../../app/generation/ports.ts";
import type { VideoRequest } from "../../core/request.ts";
import { modelIdOn, notOffered } from "../model-ids.ts";

// OpenAI-style video gateways (reference/providers.md §6, seeds/lumenfall-*.md, aigateway-*.md):
// create a job with one POST, poll it with one GET. They differ in paths, field names and where
// the video URL is; a dialect holds the differences.

export interface GatewayDialect {
  readonly id: "lumenfall" | "aigateway";
  readonly label: string;
  readonly createPath: string;
  pollPath(id: string): string;
  supports(request: VideoRequest): Support;
  body(request: VideoRequest): Record<string, unknown>;
  /** The job id from the create answer, and the status from any answer. */
  readonly jobSchema: z.ZodType<{ id: string; status: ProviderStatus }>;
}

const MODERATION = /\b(moderat|content policy|nsfw|flagged|safety|sensitive)/iu;

function failedOrModerated(provider: string, message: string | undefined, code: string): ProviderStatus {
  const text = message ?? `${provider} could not generate this video.`;
  if (MODERATION.test(text))
    return { state: "moderated", message: `${provider} rejected this video: ${text}` };
  return { state: "failed", code, message: text, retryable: false };
}

const refuse = (reason: string): Support => ({ ok: false, reason });

/** Lumenfall: POST /v1/videos, GET /v1/videos/{id}; the video at output.url, errors at error.message. */
export const lumenfall: GatewayDialect = {
  id: "lumenfall",
  label: "Lumenfall",
  createPath: "/v1/videos",
  pollPath: (id) => `/v1/videos/${encodeURIComponent(id)}`,
  supports: (r) => {
    const offered = notOffered("lumenfall", "Lumenfall", r.model);
    if (offered !== undefined) return offered;
    if (r.motion === "fast") return refuse("Lumenfall has no motion mode for PixVerse");
    return { ok: true };
  },
  body: (r) => ({
    model: modelIdOn("lumenfall", r.model),
    prompt: r.prompt,
    duration: r.duration,
    ...(r.ratio === null ? {} : { aspect_ratio: r.ratio }),
    // quality and last_frame_image are passed through to Replicate, style to fal (Lumenfall routes).
    quality: r.quality,
    generate_audio_switch: r.audio,
    ...(r.thinking === "auto" ? {} : { thinking_type: r.thinking }),
    ...(r.negativePrompt === null ? {} : { negative_prompt: r.negativePrompt }),
    ...(r.seed === null ? {} : { seed: r.seed }),
    ...(r.style === null ? {} : { style: r.style }),
    ...(r.firstFrame === null ? {} : { input_reference: [r.firstFrame] }),
    ...(r.lastFrame === null ? {} : { last_frame_image: r.lastFrame }),
  }),
  jobSchema: z
    .object({
      id: z.string().min(1),
      status: z.enum(["queued", "in_progress", "completed", "failed"]),
      progress: z.number().min(0).max(100).optional(),
      output: z.object({ url: z.url() }).nullable().optional(),
      error: z.object({ code: z.string().optional(), message: z.string() }).nullable().optional(),
    })
    .transform((j) => ({ id: j.id, status: lumenfallStatus(j) })),
};

function lumenfallStatus(j: {
  status: string;
  progress?: number | undefined;
  output?: { url: string } | null | undefined;
  error?: { code?: string | undefined; message: string } | null | undefined;
}): ProviderStatus {
  switch (j.status) {
    case "queued":
      return { state: "queued" };
    case "in_progress":
      return j.progress === undefined ? { state: "running" } : { state: "running", progress: j.progress };
    case "completed":
      return j.output?.url === undefined
        ? {
            state: "failed",
            code: "lumenfall_no_output",
            message: "Lumenfall finished without a video.",
            retryable: true,
          }
        : { state: "succeeded", videoUrl: j.output.url };
    default:
      return failedOrModerated("Lumenfall", j.error?.message, `lumenfall_${j.error?.code ?? "failed"}`);
  }
}

/** AIGateway: POST /v1/videos/generations, GET /v1/jobs/{id}; the video at result.url. */
export const aigateway: GatewayDialect = {
  id: "aigateway",
  label: "AIGateway",
  createPath: "/v1/videos/generations",
  pollPath: (id) => `/v1/jobs/${encodeURIComponent(id)}`,
  // Its documentation shows model, prompt, duration and aspect_ratio only; anything else is refused
  // rather than sent in a field the gateway may not have.
  supports: (r) => {
    const offered = notOffered("aigateway", "AIGateway", r.model);
    if (offered !== undefined) return offered;
    if (r.firstFrame !== null) return refuse("AIGateway documents text-to-video only");
    if (r.negativePrompt !== null || r.seed !== null || r.style !== null)
      return refuse("AIGateway takes no negative prompt, seed or style");
    if (r.motion === "fast" || r.thinking !== "auto")
      return refuse("AIGateway has no motion or thinking setting");
    return { ok: true };
  },
  body: (r) => ({
    model: modelIdOn("aigateway", r.model),
    prompt: r.prompt,
    duration: r.duration,
    aspect_ratio: r.ratio ?? "16:9",
  }),
  jobSchema: z
    .object({
      id: z.string().min(1),
      status: z.enum(["queued", "processing", "completed", "failed"]),
      result: z
        .object({ url: z.url(), duration: z.number().optional(), resolution: z.string().optional() })
        .nullable()
        .optional(),
      error: z
        .union([z.string(), z.object({ message: z.string() })])
        .nullable()
        .optional(),
    })
    .transform((j) => ({ id: j.id, status: aigatewayStatus(j) })),
};

function aigatewayStatus(j: {
  status: string;
  result?: { url: string; duration?: number | undefined; resolution?: string | undefined } | null | undefined;
  error?: string | { message: string } | null | undefined;
}): ProviderStatus {
  switch (j.status) {
    case "queued":
      return { state: "queued" };
    case "processing":
      return { state: "running" };
    case "completed": {
      if (j.result?.url === undefined)
        return {
          state: "failed",
          code: "aigateway_no_output",
          message: "AIGateway finished without a video.",
          retryable: true,
        };
      const [w, h] = (j.result.resolution ?? "").split("x").map(Number);
      return {
        state: "succeeded",
        videoUrl: j.result.url,
        ...(j.result.duration === undefined ? {} : { durationSeconds: j.result.duration }),
        ...(w && h ? { width: w, height: h } : {}),
      };
    }
    default:
      return failedOrModerated(
        "AIGateway",
        typeof j.error === "string" ? j.error : j.error?.message,
        "aigateway_failed",
      );
  }
}
