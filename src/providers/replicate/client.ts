// Replicate predictions API, reference/providers.md §3.
//  - `Authorization: Bearer <token>`; POST /v1/models/pixverse/pixverse-v5.6/predictions (or
//    pixverse-v6) with {input, webhook?, webhook_events_filter?}; 201 with a Prediction.
//  - GET urls.get (or /v1/predictions/{id}); status starting | processing | succeeded | failed |
//    canceled (aborted in newer docs); the video is `output`, a URI string.
//  - Cancel: POST /v1/predictions/{id}/cancel. Webhooks: Standard Webhooks (HMAC-SHA256).
//  - Moderation has no status of its own: a failed prediction whose error says so.
// Input field names for pixverse-v5.6 are not fully documented [U]: they follow the pixverse-v4
// schema (`image`, `last_frame_image`, `quality`, `motion_mode`) and Lumenfall's table for audio.

import type {
  ProviderJob,
  ProviderStatus,
  SubmitOptions,
  Support,
  VideoProvider,
  WebhookHeaders,
  WebhookResult,
} from "../../app/generation/ports.ts";
import type { VideoRequest } from "../../core/request.ts";
import { ProviderError } from "../errors.ts";
import {
  DEFAULT_HTTP_POLICY,
  type HttpPolicy,
  type HttpReply,
  httpError,
  send,
  withRetries,
} from "../http.ts";
import { type FetchImage, inlineFrames } from "../inline-frames.ts";
import { checkedAnswer, jsonAnswer } from "../json.ts";
import { hasMotion, hasThinking, modelIdOn, noExtend, notOffered, shotsRefused } from "../model-ids.ts";
import { verifyStandardWebhook } from "../standard-webhooks.ts";
import { type Prediction, predictionSchema, problemSchema } from "./schemas.ts";

export interface ReplicateOptions {
  readonly apiToken: string;
  /** Scheme and host, e.g. https://api.replicate.com. */
  readonly baseUrl: string;
  /** The `whsec_…` secret from GET /v1/webhooks/default/secret, to verify webhooks. */
  readonly webhookSecret?: string;
  readonly http?: HttpPolicy;
  /** Fetches input images (sent as data URIs); without it, their links are passed on. */
  readonly fetchImage?: FetchImage;
}

const MODERATION = /\b(flagged|sensitive|nsfw|content policy|moderat|safety)/iu;

export function replicateInput(request: VideoRequest): Record<string, unknown> {
  return {
    prompt: request.prompt,
    quality: request.quality,
    duration: request.duration,
    generate_audio_switch: request.audio,
    ...(hasThinking(request.model) ? { thinking_type: request.thinking } : {}),
    ...(hasMotion(request.model) ? { motion_mode: request.motion } : {}),
    ...(request.mode === "text-to-video" || request.ratio !== null
      ? { aspect_ratio: request.ratio ?? "16:9" }
      : {}),
    ...(request.negativePrompt === null ? {} : { negative_prompt: request.negativePrompt }),
    ...(request.seed === null ? {} : { seed: request.seed }),
    ...(request.style === null ? {} : { style: request.style }),
    ...(request.firstFrame === null ? {} : { image: request.firstFrame }),
    ...(request.lastFrame === null ? {} : { last_frame_image: request.lastFrame }),
  };
}

export class ReplicateProvider implements VideoProvider {
  readonly id = "replicate" as const;
  readonly #options: ReplicateOptions;
  readonly #http: HttpPolicy;

  constructor(options: ReplicateOptions) {
    this.#options = options;
    this.#http = options.http ?? DEFAULT_HTTP_POLICY;
  }

  /** Webhooks only with the signing secret to verify them. */
  get webhookPath(): string | undefined {
    return this.#options.webhookSecret === undefined ? undefined : "/webhooks/replicate";
  }

  supports(request: VideoRequest): Support {
    return (
      notOffered("replicate", "Replicate", request.model) ??
      noExtend("Replicate", request) ??
      shotsRefused("replicate", request) ?? { ok: true }
    );
  }

  async submit(request: VideoRequest, options: SubmitOptions): Promise<ProviderJob> {
    const body = {
      input: replicateInput(await inlineFrames(request, this.#options.fetchImage, options.owner)),
      ...(options.webhookUrl === undefined
        ? {}
        : { webhook: options.webhookUrl, webhook_events_filter: ["completed"] }),
    };
    const path = `/v1/models/${modelIdOn("replicate", request.model)}/predictions`;
    const reply = await this.#call(
      "POST",
      new URL(path, this.#options.baseUrl).toString(),
      "submit",
      JSON.stringify(body),
      options.signal,
    );
    const prediction = this.#prediction(reply, "submit");
    return {
      provider: "replicate",
      id: prediction.id,
      urls: { status: prediction.urls?.get, cancel: prediction.urls?.cancel },
    };
  }

  async status(job: ProviderJob, signal?: AbortSignal): Promise<ProviderStatus> {
    const url =
      job.urls?.status ??
      new URL(`/v1/predictions/${encodeURIComponent(job.id)}`, this.#options.baseUrl).toString();
    return toStatus(this.#prediction(await this.#call("GET", url, "status", undefined, signal), "status"));
  }

  async cancel(job: ProviderJob): Promise<"requested" | "already_done" | "not_found"> {
    const url =
      job.urls?.cancel ??
      new URL(`/v1/predictions/${encodeURIComponent(job.id)}/cancel`, this.#options.baseUrl).toString();
    try {
      const p = this.#prediction(await this.#call("POST", url, "cancel"), "cancel");
      return p.status === "canceled" || p.status === "starting" || p.status === "processing"
        ? "requested"
        : "already_done";
    } catch (error) {
      if (error instanceof ProviderError && error.httpStatus === 404) return "not_found";
      throw error;
    }
  }

  async parseWebhook(body: Uint8Array, headers: WebhookHeaders, now: Date): Promise<WebhookResult> {
    const secret = this.#options.webhookSecret;
    if (secret === undefined) return { ok: false, reason: "bad_signature" };
    const verdict = verifyStandardWebhook(secret, body, headers, now);
    if (!verdict.ok) return verdict;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body).toString("utf8"));
    } catch {
      return { ok: false, reason: "malformed" };
    }
    const parsed = predictionSchema.safeParse(json);
    if (!parsed.success) return { ok: false, reason: "malformed" };
    return { ok: true, jobId: parsed.data.id, status: toStatus(parsed.data) };
  }

  #prediction(reply: HttpReply, what: string): Prediction {
    if (reply.status < 200 || reply.status >= 300) {
      let detail = `HTTP ${reply.status}`;
      try {
        const problem = problemSchema.safeParse(JSON.parse(reply.text));
        if (problem.success) detail = problem.data.detail ?? problem.data.title ?? detail;
      } catch {
        // not JSON: keep the status
      }
      const error = httpError("replicate", reply, what);
      throw new ProviderError("replicate", `${what} refused: ${detail}`, {
        httpStatus: reply.status,
        retryable: error.retryable,
        ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      });
    }
    return checkedAnswer("replicate", what, jsonAnswer("replicate", what, reply.text), predictionSchema);
  }

  #call(
    method: "GET" | "POST",
    url: string,
    what: string,
    body?: string,
    signal?: AbortSignal,
  ): Promise<HttpReply> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.#options.apiToken}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return withRetries(this.#http, async () => {
      const reply = await send(
        "replicate",
        { method, url, headers, ...(body === undefined ? {} : { body }), ...(signal ? { signal } : {}) },
        this.#http.timeoutMs,
      );
      if (reply.status === 429 || reply.status >= 500) throw httpError("replicate", reply, what);
      return reply;
    });
  }
}

function toStatus(p: Prediction): ProviderStatus {
  switch (p.status) {
    case "starting":
      return { state: "queued" };
    case "processing":
      return { state: "running" };
    case "succeeded": {
      const url = Array.isArray(p.output) ? p.output[0] : p.output;
      if (typeof url !== "string" || url === "") {
        return {
          state: "failed",
          code: "replicate_no_output",
          message: "Replicate finished without a video.",
          retryable: true,
        };
      }
      return { state: "succeeded", videoUrl: url };
    }
    case "canceled":
    case "aborted":
      return { state: "canceled" };
    case "failed": {
      const message = typeof p.error === "string" ? p.error : "Replicate could not generate this video.";
      if (MODERATION.test(message))
        return { state: "moderated", message: `Replicate's content checks rejected this video: ${message}` };
      return { state: "failed", code: "replicate_failed", message, retryable: false };
    }
  }
}
