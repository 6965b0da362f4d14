// PixVerse platform API ("openapi/v2"), reference/providers.md §1.
//  - Every call: `API-KEY` and a fresh `Ai-trace-id`; every answer `{ErrCode, …}`: see api.ts.
//  - Images are uploaded first: their bytes as the `image` file when the bot fetches them itself
//    (host-checked, size-capped: chat CDN links expire and may be private), else as `image_url`;
//    image-to-video takes `img_id`, first+last
//    frame goes to the transition endpoint with `first_frame_img` / `last_frame_img`.
//  - Ids are int64: kept exact as decimal strings.
//  - Status: 1 done, 5 generating, 6 deleted, 7 moderated, 8 failed. No progress, no queue
//    position, no cancel, no documented idempotency (the engine records intent before submitting).
//  - Webhooks, with the secret set in PixVerse's console: signed deliveries, see webhook.ts.
//  - Extend: POST /openapi/v2/video/extend/generate continues one of this account's own videos,
//    `source_video_id` (its int64 `video_id`), with prompt, model, duration, quality and the usual
//    optional switches; no aspect ratio (the source decides) [V: docs.platform.pixverse.ai
//    extend-generation-19094393e0; the field list from its apidog export]. Offered here for v5.6
//    and v6 (the export's model list names v5.5 and v6 [S]; C1 is not listed, so C1 falls back).

import { FormData } from "undici";
import type {
  FetchImage,
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
import { DEFAULT_HTTP_POLICY, type HttpPolicy } from "../http.ts";
import { unexpectedAnswer } from "../json.ts";
import { hasMotion, hasThinking, modelIdOn, notOffered, shotsRefused } from "../model-ids.ts";
import { PixverseApi } from "./api.ts";
import { resultSchema, uploadSchema, videoIdSchema } from "./schemas.ts";
import { verifyPixverseWebhook, webhookStatus } from "./webhook.ts";

export interface PixverseOptions {
  readonly apiKey: string;
  /** Scheme and host, e.g. https://app-api.pixverse.ai; the client appends /openapi/v2/…. */
  readonly baseUrl: string;
  readonly http?: HttpPolicy;
  /** Fetches an input image through the bot's media policy; without it PixVerse fetches the URL. */
  readonly fetchImage?: FetchImage;
  /** The webhook secret from PixVerse's console (PIXVERSE_WEBHOOK_SECRET); unset: polling only. */
  readonly webhookSecret?: string;
}

/** Models PixVerse's extend endpoint takes (see the header). */
const EXTEND_MODELS: ReadonlySet<string> = new Set(["v5.6", "v6"]);

const STATUS_DONE = 1;
const STATUS_GENERATING = 5;
const STATUS_DELETED = 6;
const STATUS_MODERATED = 7;
const STATUS_FAILED = 8;

export class PixverseProvider implements VideoProvider {
  readonly id = "pixverse" as const;
  readonly #options: PixverseOptions;
  readonly #api: PixverseApi;

  constructor(options: PixverseOptions) {
    this.#options = options;
    this.#api = new PixverseApi(options.apiKey, options.baseUrl, options.http ?? DEFAULT_HTTP_POLICY);
  }

  /** Webhooks only with the secret to verify them. PixVerse expects the body `ok` back. */
  get webhookPath(): string | undefined {
    return this.#options.webhookSecret === undefined ? undefined : "/webhooks/pixverse";
  }

  readonly webhookReply = { contentType: "text/plain; charset=utf-8", body: "ok" };

  async parseWebhook(body: Uint8Array, headers: WebhookHeaders, now: Date): Promise<WebhookResult> {
    const secret = this.#options.webhookSecret;
    if (secret === undefined) return { ok: false, reason: "bad_signature" };
    const verified = verifyPixverseWebhook(secret, body, headers, now);
    if (!verified.ok) return verified;
    return {
      ok: true,
      jobId: verified.payload.id,
      status: webhookStatus(verified.payload),
      deliveryId: verified.nonce,
    };
  }

  supports(request: VideoRequest): Support {
    // The platform API takes every option the catalog has, for every model it offers.
    const offered = notOffered("pixverse", "PixVerse", request.model) ?? shotsRefused("pixverse", request);
    if (offered !== undefined || request.source === undefined) return offered ?? { ok: true };
    if (request.source.provider !== "pixverse")
      return { ok: false, reason: "PixVerse extends only videos it made itself" };
    return EXTEND_MODELS.has(request.model)
      ? { ok: true }
      : { ok: false, reason: `PixVerse has no extend for ${request.model}` };
  }

  async submit(request: VideoRequest, options: SubmitOptions): Promise<ProviderJob> {
    const common: Record<string, unknown> = {
      prompt: request.prompt,
      model: modelIdOn("pixverse", request.model),
      duration: request.duration,
      quality: request.quality,
      generate_audio_switch: request.audio,
      ...(hasThinking(request.model) ? { thinking_type: request.thinking } : {}),
      ...(request.negativePrompt === null ? {} : { negative_prompt: request.negativePrompt }),
      ...(request.seed === null ? {} : { seed: request.seed }),
      ...(request.style === null ? {} : { style: request.style }),
      ...(hasMotion(request.model) ? { motion_mode: request.motion } : {}),
      // reference/providers.md §1: a bool on text/generate and img/generate (v6); sent only when
      // on, so models without it never see the field (supports() keeps transitions out).
      ...(request.shots ? { generate_multi_clip_switch: true } : {}),
    };
    let path: string;
    let body: Record<string, unknown>;
    if (request.source !== undefined) {
      path = "/openapi/v2/video/extend/generate";
      const { thinking_type: _thinking, ...documented } = common;
      body = { ...documented, source_video_id: request.source.id };
    } else if (request.firstFrame === null) {
      path = "/openapi/v2/video/text/generate";
      body = { ...common, aspect_ratio: request.ratio ?? "16:9" };
    } else if (request.lastFrame === null) {
      path = "/openapi/v2/video/img/generate";
      body = { ...common, img_id: await this.#upload(request.firstFrame, options) };
    } else {
      path = "/openapi/v2/video/transition/generate";
      const [first, last] = [
        await this.#upload(request.firstFrame, options),
        await this.#upload(request.lastFrame, options),
      ];
      body = { ...common, first_frame_img: first, last_frame_img: last };
    }
    // Integer ids must reach PixVerse as JSON numbers, exactly: splice them in as text.
    const json = JSON.stringify(body).replace(
      /"(img_id|first_frame_img|last_frame_img|source_video_id)":"(\d+)"/gu,
      '"$1":$2',
    );
    const resp = await this.#api.call("POST", path, "submit", {
      body: json,
      json: true,
      signal: options.signal,
    });
    const parsed = videoIdSchema.safeParse(resp);
    if (!parsed.success) throw this.#malformed("submit", parsed.error.message);
    return { provider: "pixverse", id: parsed.data.video_id };
  }

  async status(job: ProviderJob, signal?: AbortSignal): Promise<ProviderStatus> {
    let resp: unknown;
    try {
      resp = await this.#api.call("GET", `/openapi/v2/video/result/${encodeURIComponent(job.id)}`, "status", {
        signal,
      });
    } catch (error) {
      // A poll that PixVerse answers with an ErrCode is the job's failure; transport trouble is not.
      if (error instanceof ProviderError && error.providerCode !== undefined && error.httpStatus === 200) {
        return {
          state: "failed",
          code: `pixverse_${error.providerCode}`,
          message: error.message,
          retryable: false,
        };
      }
      throw error;
    }
    const parsed = resultSchema.safeParse(resp);
    if (!parsed.success) throw this.#malformed("status", parsed.error.message);
    const r = parsed.data;
    switch (r.status) {
      case STATUS_DONE:
        if (r.url === undefined || r.url === "") throw this.#malformed("status", "status 1 without a url");
        return {
          state: "succeeded",
          videoUrl: r.url,
          ...(r.outputWidth ? { width: r.outputWidth } : {}),
          ...(r.outputHeight ? { height: r.outputHeight } : {}),
          ...(r.seed !== undefined ? { seed: r.seed } : {}),
        };
      case STATUS_GENERATING:
        return { state: "running" };
      case STATUS_MODERATED:
        return { state: "moderated", message: "PixVerse's content moderation rejected this video." };
      case STATUS_DELETED:
        return {
          state: "failed",
          code: "pixverse_deleted",
          message: "PixVerse deleted this video.",
          retryable: false,
        };
      case STATUS_FAILED:
        return {
          state: "failed",
          code: "pixverse_failed",
          message: "PixVerse could not generate this video.",
          retryable: true,
        };
      default:
        throw this.#malformed("status", `unknown status ${r.status}`);
    }
  }

  async #upload(imageUrl: string, options: SubmitOptions): Promise<string> {
    const { signal, owner } = options;
    const form = new FormData();
    const fetchImage = this.#options.fetchImage;
    if (fetchImage === undefined) form.set("image_url", imageUrl);
    else {
      const image = await fetchImage(imageUrl, owner);
      const extension = image.mimeType.split("/")[1] ?? "png";
      form.set("image", new Blob([image.bytes], { type: image.mimeType }), `frame.${extension}`);
    }
    const resp = await this.#api.call("POST", "/openapi/v2/image/upload", "image upload", {
      body: form,
      signal,
    });
    const parsed = uploadSchema.safeParse(resp);
    if (!parsed.success) throw this.#malformed("image upload", parsed.error.message);
    return parsed.data.img_id;
  }

  #malformed(what: string, detail: string): ProviderError {
    return unexpectedAnswer("pixverse", what, detail);
  }
}
