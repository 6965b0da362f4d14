// Cloudflare Workers AI, seeds/cloudflare-pixverse-v5.6.md and -v6.md, reference/providers.md §5.
//  - POST {base}/client/v4/accounts/{account}/ai/run with {model: "pixverse/v5.6", input} and
//    `Authorization: Bearer`; the answer is {result: {video: url}} once the video is done.
//  - It is one long synchronous request (minutes). To fit the asynchronous port, submit() starts
//    it and keeps the pending request in this process; status() reports running until it ends.
//    What that means for restarts: a request in flight dies with the process and cannot be
//    resumed (Cloudflare returns no job id), so status() then reports a retryable failure and
//    the engine refunds or resubmits. Requests are never retried once sent, except on 429 (not
//    accepted), since a retry after Cloudflare started could pay twice.
//  - Inputs: prompt, negative_prompt, duration, aspect_ratio, quality, seed, generate_audio,
//    motion_mode (v5.6), and image_input as a base64 data URI. No style, no thinking switch, no
//    last frame.

import { randomUUID } from "node:crypto";
import { z } from "zod";
import type {
  ProviderJob,
  ProviderStatus,
  SubmitOptions,
  Support,
  VideoProvider,
} from "../../app/generation/ports.ts";
import type { VideoRequest } from "../../core/request.ts";
import { ProviderError, retryAfterMs } from "../errors.ts";
import { DEFAULT_HTTP_POLICY, type HttpPolicy, send, withRetries } from "../http.ts";
import { type FetchImage, inlineFrames } from "../inline-frames.ts";
import { hasMotion, modelIdOn, noExtend, notOffered, shotsRefused } from "../model-ids.ts";

export interface CloudflareOptions {
  readonly accountId: string;
  readonly apiToken: string;
  /** Scheme and host, e.g. https://api.cloudflare.com. */
  readonly baseUrl: string;
  /** Reads an image for image_input (the engine's media fetcher, with its host and size checks). */
  readonly fetchImage: FetchImage;
  /** The timeout is per request and must cover a whole generation (default 15 minutes). */
  readonly http?: HttpPolicy;
}

const answerSchema = z.object({
  success: z.boolean().optional(),
  result: z.object({ video: z.url() }).partial().nullable().optional(),
  errors: z.array(z.object({ code: z.number().optional(), message: z.string() })).optional(),
});

const MODERATION = /\b(nsfw|moderat|content policy|flagged|safety|sensitive)/iu;

export class CloudflareProvider implements VideoProvider {
  readonly id = "cloudflare" as const;
  readonly #options: CloudflareOptions;
  readonly #http: HttpPolicy;
  readonly #running = new Map<string, Promise<ProviderStatus>>();
  readonly #settled = new Map<string, ProviderStatus>();

  constructor(options: CloudflareOptions) {
    this.#options = options;
    this.#http = options.http ?? { ...DEFAULT_HTTP_POLICY, timeoutMs: 15 * 60_000 };
  }

  supports(request: VideoRequest): Support {
    const offered = notOffered("cloudflare", "Cloudflare", request.model);
    if (offered !== undefined) return offered;
    const extend = noExtend("Cloudflare", request);
    if (extend !== undefined) return extend;
    if (request.lastFrame !== null)
      return { ok: false, reason: "Cloudflare's PixVerse models take no last frame" };
    if (request.style !== null) return { ok: false, reason: "Cloudflare's PixVerse models take no style" };
    if (request.thinking !== "auto")
      return { ok: false, reason: "Cloudflare's PixVerse models have no thinking switch" };
    return shotsRefused("cloudflare", request) ?? { ok: true };
  }

  async submit(request: VideoRequest, options: SubmitOptions): Promise<ProviderJob> {
    const supported = this.supports(request);
    if (!supported.ok) throw new ProviderError("cloudflare", supported.reason, { retryable: false });
    const input: Record<string, unknown> = {
      prompt: request.prompt,
      duration: request.duration,
      aspect_ratio: request.ratio ?? "16:9",
      quality: request.quality,
      generate_audio: request.audio,
      ...(request.negativePrompt === null ? {} : { negative_prompt: request.negativePrompt }),
      ...(request.seed === null ? {} : { seed: request.seed }),
      ...(hasMotion(request.model) ? { motion_mode: request.motion } : {}),
    };
    const { firstFrame } = await inlineFrames(request, this.#options.fetchImage, options.owner);
    if (firstFrame !== null) input.image_input = firstFrame;
    const id = randomUUID();
    const running = this.#run(
      JSON.stringify({ model: modelIdOn("cloudflare", request.model), input }),
      options.signal,
    ).then(
      (status) => status,
      (error: unknown) => failure(error),
    );
    this.#running.set(id, running);
    void running.then((status) => {
      this.#settled.set(id, status);
      this.#running.delete(id);
    });
    return { provider: "cloudflare", id };
  }

  async status(job: ProviderJob): Promise<ProviderStatus> {
    const settled = this.#settled.get(job.id);
    if (settled !== undefined) return settled;
    if (this.#running.has(job.id)) return { state: "running" };
    return {
      state: "failed",
      code: "cloudflare_lost_on_restart",
      message: "The request to Cloudflare was running in a process that stopped; Cloudflare can't resume it.",
      retryable: true,
    };
  }

  /** Waits for a job submitted by this process to end (for the engine and tests). */
  settled(job: ProviderJob): Promise<ProviderStatus> {
    return this.#running.get(job.id) ?? this.status(job);
  }

  async #run(body: string, signal: AbortSignal | undefined): Promise<ProviderStatus> {
    const url = new URL(
      `/client/v4/accounts/${encodeURIComponent(this.#options.accountId)}/ai/run`,
      this.#options.baseUrl,
    ).toString();
    const headers = { Authorization: `Bearer ${this.#options.apiToken}`, "Content-Type": "application/json" };
    const reply = await withRetries(this.#http, async () => {
      let r: Awaited<ReturnType<typeof send>>;
      try {
        r = await send(
          "cloudflare",
          { method: "POST", url, headers, body, ...(signal ? { signal } : {}) },
          this.#http.timeoutMs,
        );
      } catch (error) {
        // Only a connection that never opened is safe to repeat.
        const refused = (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
        throw error instanceof ProviderError && !refused
          ? new ProviderError("cloudflare", error.message.replace(/^cloudflare: /u, ""), {
              retryable: false,
              cause: error,
            })
          : error;
      }
      if (r.status === 429) {
        throw new ProviderError("cloudflare", "rate limited", {
          httpStatus: 429,
          retryable: true,
          retryAfterMs: retryAfterMs(r.headers["retry-after"]),
        });
      }
      return r;
    });
    let json: unknown;
    try {
      json = JSON.parse(reply.text);
    } catch {
      return {
        state: "failed",
        code: `cloudflare_http_${reply.status}`,
        message: "Cloudflare answered with something that isn't JSON.",
        retryable: reply.status >= 500,
      };
    }
    const parsed = answerSchema.safeParse(json);
    const video = parsed.success ? parsed.data.result?.video : undefined;
    if (
      reply.status >= 200 &&
      reply.status < 300 &&
      parsed.success &&
      parsed.data.success !== false &&
      video !== undefined
    ) {
      return { state: "succeeded", videoUrl: video };
    }
    const message = parsed.success
      ? (parsed.data.errors ?? []).map((e) => e.message).join("; ") || `HTTP ${reply.status}`
      : `HTTP ${reply.status}`;
    if (MODERATION.test(message))
      return { state: "moderated", message: `Cloudflare rejected this video: ${message}` };
    return {
      state: "failed",
      code: `cloudflare_http_${reply.status}`,
      message,
      retryable: reply.status >= 500,
    };
  }
}

function failure(error: unknown): ProviderStatus {
  const message = error instanceof Error ? error.message : String(error);
  return {
    state: "failed",
    code: "cloudflare_request_failed",
    message,
    retryable: error instanceof ProviderError && error.retryable,
  };
}
