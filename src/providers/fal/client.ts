// fal queue API, reference/providers.md §2.
//  - `Authorization: Key <FAL_KEY>`; submit to the full endpoint path, e.g.
//    POST {base}/fal-ai/pixverse/v5.6/text-to-video, body = the model input itself.
//  - The submit answer carries status_url, response_url and cancel_url: follow those (they use
//    only owner/alias, not the endpoint path).
//  - Status is IN_QUEUE (with queue_position), IN_PROGRESS or COMPLETED. Failure is not a status:
//    a failed request is COMPLETED and its result GET answers non-2xx with `detail`.
//  - Cancel: PUT cancel_url → 202 CANCELLATION_REQUESTED (400 ALREADY_COMPLETED, 404 NOT_FOUND).
//  - Webhooks (`?fal_webhook=`): Ed25519-signed, see webhook.ts.
//  - Endpoints and input fields per model: input.ts (extend: {model}/extend with `video_url`).

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
import { unexpectedAnswer } from "../json.ts";
import { notOffered, shotsRefused } from "../model-ids.ts";
import { FAL_EXTEND_MODELS, falEndpoint, falInput } from "./input.ts";
import { errorDetailSchema, resultSchema, statusSchema, submitSchema } from "./schemas.ts";
import { type FalKeys, verifyFalWebhook } from "./webhook.ts";

export interface FalOptions {
  readonly apiKey: string;
  /** Scheme and host of the queue, e.g. https://queue.fal.run. */
  readonly baseUrl: string;
  /** Where fal's webhook signing keys are read from (a JWKS). */
  readonly jwks: FalKeys;
  readonly http?: HttpPolicy;
  /** Fetches input images (sent as data URIs); without it, their links are passed on. */
  readonly fetchImage?: FetchImage;
}

/** Words fal uses when content policy, not the request's form, stopped a video. [U] per the reference. */
const MODERATION = /\b(content policy|nsfw|moderat|flagged|safety|sensitive)/iu;

export class FalProvider implements VideoProvider {
  readonly id = "fal" as const;
  readonly webhookPath = "/webhooks/fal";
  readonly #options: FalOptions;
  readonly #http: HttpPolicy;

  constructor(options: FalOptions) {
    this.#options = options;
    this.#http = options.http ?? DEFAULT_HTTP_POLICY;
  }

  supports(request: VideoRequest): Support {
    const offered = notOffered("fal", "fal", request.model);
    if (offered !== undefined) return offered;
    if (request.motion === "fast")
      return { ok: false, reason: "fal's PixVerse endpoints have no motion mode" };
    const shots = shotsRefused("fal", request);
    if (shots !== undefined) return shots;
    if (request.source === undefined) return { ok: true };
    if (request.source.provider !== "fal") return { ok: false, reason: "fal extends only videos it made" };
    return FAL_EXTEND_MODELS.has(request.model)
      ? { ok: true }
      : { ok: false, reason: `fal has no extend for ${request.model}` };
  }

  async submit(request: VideoRequest, options: SubmitOptions): Promise<ProviderJob> {
    const supported = this.supports(request);
    if (!supported.ok) throw new ProviderError("fal", supported.reason, { retryable: false });
    const url = new URL(`/${falEndpoint(request)}`, this.#options.baseUrl);
    if (options.webhookUrl !== undefined) url.searchParams.set("fal_webhook", options.webhookUrl);
    const reply = await this.#call(
      "POST",
      url.toString(),
      "submit",
      JSON.stringify(falInput(await inlineFrames(request, this.#options.fetchImage, options.owner))),
      options.signal,
    );
    if (reply.status < 200 || reply.status >= 300) throw this.#failure(reply, "submit");
    const parsed = submitSchema.safeParse(this.#json(reply, "submit"));
    if (!parsed.success) throw this.#malformed("submit", parsed.error.message);
    const s = parsed.data;
    return {
      provider: "fal",
      id: s.request_id,
      urls: { status: s.status_url, result: s.response_url, cancel: s.cancel_url },
    };
  }

  async status(job: ProviderJob, signal?: AbortSignal): Promise<ProviderStatus> {
    const urls = this.#urls(job);
    const reply = await this.#call("GET", urls.status, "status", undefined, signal);
    if (reply.status < 200 || reply.status >= 300) throw httpError("fal", reply, "status");
    const parsed = statusSchema.safeParse(this.#json(reply, "status"));
    if (!parsed.success) throw this.#malformed("status", parsed.error.message);
    switch (parsed.data.status) {
      case "IN_QUEUE":
        return parsed.data.queue_position === undefined
          ? { state: "queued" }
          : { state: "queued", queuePosition: parsed.data.queue_position };
      case "IN_PROGRESS":
        return { state: "running" };
      case "COMPLETED":
        return this.#result(urls.result, signal);
    }
  }

  async cancel(job: ProviderJob): Promise<"requested" | "already_done" | "not_found"> {
    const reply = await this.#call("PUT", this.#urls(job).cancel, "cancel");
    if (reply.status === 202 || reply.status === 200) return "requested";
    if (reply.status === 400) return "already_done";
    if (reply.status === 404) return "not_found";
    throw httpError("fal", reply, "cancel");
  }

  async parseWebhook(body: Uint8Array, headers: WebhookHeaders, now: Date): Promise<WebhookResult> {
    const verified = await verifyFalWebhook(this.#options.jwks, body, headers, now);
    if (!verified.ok) return verified;
    const payload = verified.payload;
    if (payload.status === "OK") {
      const result = resultSchema.safeParse(payload.payload);
      if (!result.success) return { ok: false, reason: "malformed" };
      return {
        ok: true,
        jobId: payload.request_id,
        status: { state: "succeeded", videoUrl: result.data.video.url },
      };
    }
    return {
      ok: true,
      jobId: payload.request_id,
      status: this.#failedStatus(payload.error ?? JSON.stringify(payload.payload ?? ""), undefined),
    };
  }

  async #result(url: string, signal: AbortSignal | undefined): Promise<ProviderStatus> {
    const reply = await this.#call("GET", url, "result", undefined, signal);
    if (reply.status >= 200 && reply.status < 300) {
      const parsed = resultSchema.safeParse(this.#json(reply, "result"));
      if (!parsed.success) throw this.#malformed("result", parsed.error.message);
      return { state: "succeeded", videoUrl: parsed.data.video.url };
    }
    if (reply.status >= 500 || reply.status === 429) throw httpError("fal", reply, "result");
    const detail = errorDetailSchema.safeParse(this.#jsonOrNull(reply));
    const message = detail.success ? detailText(detail.data.detail) : `HTTP ${reply.status}`;
    return this.#failedStatus(message, reply.status);
  }

  #failedStatus(message: string, httpStatus: number | undefined): ProviderStatus {
    if (/\bcancel/iu.test(message)) return { state: "canceled" };
    if (MODERATION.test(message))
      return { state: "moderated", message: `fal's content checks rejected this video: ${message}` };
    return {
      state: "failed",
      code: httpStatus === undefined ? "fal_error" : `fal_http_${httpStatus}`,
      message,
      retryable: false,
    };
  }

  #urls(job: ProviderJob): { status: string; result: string; cancel: string } {
    const { status, result, cancel } = job.urls ?? {};
    if (status === undefined || result === undefined || cancel === undefined) {
      throw new ProviderError("fal", `job ${job.id} has no status/response/cancel URLs`, {
        retryable: false,
      });
    }
    return { status, result, cancel };
  }

  #call(
    method: "GET" | "POST" | "PUT",
    url: string,
    what: string,
    body?: string,
    signal?: AbortSignal,
  ): Promise<HttpReply> {
    const headers: Record<string, string> = { Authorization: `Key ${this.#options.apiKey}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return withRetries(this.#http, async () => {
      const reply = await send(
        "fal",
        { method, url, headers, ...(body === undefined ? {} : { body }), ...(signal ? { signal } : {}) },
        this.#http.timeoutMs,
      );
      // fal-js retries 408, 409, 429 and 5xx; everything else is the answer.
      if (reply.status === 408 || reply.status === 409 || reply.status === 429 || reply.status >= 500)
        throw httpError("fal", reply, what);
      return reply;
    });
  }

  #failure(reply: HttpReply, what: string): ProviderError {
    const detail = errorDetailSchema.safeParse(this.#jsonOrNull(reply));
    const message = detail.success ? detailText(detail.data.detail) : `HTTP ${reply.status}`;
    return new ProviderError("fal", `${what} refused: ${message}`, {
      httpStatus: reply.status,
      retryable: false,
      moderated: MODERATION.test(message),
    });
  }

  #json(reply: HttpReply, what: string): unknown {
    try {
      return JSON.parse(reply.text);
    } catch {
      throw this.#malformed(what, "the answer is not JSON");
    }
  }

  #jsonOrNull(reply: HttpReply): unknown {
    try {
      return JSON.parse(reply.text);
    } catch {
      return null;
    }
  }

  #malformed(what: string, detail: string): ProviderError {
    return unexpectedAnswer("fal", what, detail);
  }
}

/** fal's `detail` is a string or a list of validation errors ({loc, msg, type}). */
function detailText(detail: string | readonly { msg: string; loc?: readonly (string | number)[] }[]): string {
  if (typeof detail === "string") return detail;
  return detail.map((d) => (d.loc === undefined ? d.msg : `${d.loc.join(".")}: ${d.msg}`)).join("; ");
}
