// Runware, reference/providers.md §4: every call is POST {base}/v1 with a JSON array of tasks and
// `Authorization: Bearer`. A videoInference task with deliveryMethod "async" and a client-chosen
// taskUUID (so a resubmission after a crash is the same task), then getResponse polling: status
// processing (or pending in older docs), success with videoURL, or error. Errors also come as a
// top-level `errors` array. No cancel. Webhooks are unsigned: a secret token in the webhook URL,
// which the receiver passes on as the x-framecast-webhook-token header, authenticates them.

import { timingSafeEqual } from "node:crypto";
import type {
  ProviderJob,
  ProviderStatus,
  SubmitOptions,
  Support,
  VideoProvider,
  WebhookHeaders,
  WebhookResult,
} from "../../app/generation/ports.ts";
import { CATALOG, MODEL_IDS, type ModelId, providerModel } from "../../core/catalog.ts";
import type { VideoRequest } from "../../core/request.ts";
import { ProviderError } from "../errors.ts";
import { DEFAULT_HTTP_POLICY, type HttpPolicy, httpError, send, withRetries } from "../http.ts";
import { type FetchImage, inlineFrames } from "../inline-frames.ts";
import { checkedAnswer, jsonAnswer } from "../json.ts";
import { noExtend, shotsRefused } from "../model-ids.ts";
import { runwareTask, takesProviderSettings, taskUuid } from "./input.ts";
import { type RunwareError, type RunwareItem, replySchema, taskItemSchema } from "./schemas.ts";
import { StatusBatch, type StatusBatchOptions, type TaskAnswers } from "./status-batch.ts";

export interface RunwareOptions {
  readonly apiKey: string;
  /** Scheme and host, e.g. https://api.runware.ai. */
  readonly baseUrl: string;
  /** AIR ids that replace the catalog's (v5.6 pixverse:1@7, v6 pixverse:1@8): RUNWARE_MODEL_V6. */
  readonly models?: Partial<Record<ModelId, string>>;
  /** The secret in our webhook URL (see above). */
  readonly webhookToken?: string;
  readonly http?: HttpPolicy;
  /** Fetches input images (sent as data URIs); without it, their links are passed on. */
  readonly fetchImage?: FetchImage;
  /** Status checks gathered into one request: default within 20 ms, at most 50 tasks. */
  readonly statusBatch?: Partial<StatusBatchOptions>;
}

const MODERATION = /\b(nsfw|safety|moderat|content policy|flagged|inappropriate)/iu;

export class RunwareProvider implements VideoProvider {
  readonly id = "runware" as const;
  readonly #options: RunwareOptions;
  readonly #http: HttpPolicy;
  readonly #models: Partial<Record<ModelId, string>>;
  readonly #batch: StatusBatch;

  constructor(options: RunwareOptions) {
    this.#options = options;
    this.#http = options.http ?? DEFAULT_HTTP_POLICY;
    this.#models = Object.fromEntries(
      MODEL_IDS.flatMap((m) => {
        const id = options.models?.[m] ?? providerModel(m, "runware");
        return id === undefined ? [] : [[m, id]];
      }),
    );
    this.#batch = new StatusBatch((tasks) => this.#post(tasks, "status", undefined), taskStatus, {
      windowMs: options.statusBatch?.windowMs ?? 20,
      maxTasks: options.statusBatch?.maxTasks ?? 50,
    });
  }
  /** Runware signs nothing: the secret token in the path is what authenticates its webhooks. */
  get webhookPath(): string | undefined {
    return this.#options.webhookToken === undefined
      ? undefined
      : `/webhooks/runware/${this.#options.webhookToken}`;
  }

  supports(request: VideoRequest): Support {
    const model = this.#models[request.model];
    if (model === undefined)
      return { ok: false, reason: `Runware doesn't offer ${CATALOG[request.model].label}` };
    if (request.motion === "fast")
      return { ok: false, reason: "Runware's PixVerse settings have no motion mode" };
    const extend = noExtend("Runware", request);
    if (extend !== undefined) return extend;
    if (!takesProviderSettings(model) && request.thinking !== "auto")
      return {
        ok: false,
        reason: `Runware's documented PixVerse ${request.model} settings have no thinking switch`,
      };
    if (request.shots && takesProviderSettings(model))
      return {
        ok: false,
        reason: `Runware's ${model} has no multi-clip setting (settings.multiClip is v6's)`,
      };
    return shotsRefused("runware", request) ?? { ok: true };
  }

  async submit(request: VideoRequest, options: SubmitOptions): Promise<ProviderJob> {
    const supported = this.supports(request);
    const model = this.#models[request.model];
    if (!supported.ok || model === undefined)
      throw new ProviderError("runware", supported.ok ? "no model" : supported.reason, { retryable: false });
    const uuid = taskUuid(options.idempotencyKey);
    const items = await this.#tasks(
      [
        runwareTask(
          await inlineFrames(request, this.#options.fetchImage, options.owner),
          model,
          uuid,
          options.webhookUrl,
        ),
      ],
      "submit",
      options.signal,
    );
    if (!items.some((i) => i.taskUUID === uuid))
      throw new ProviderError("runware", "submit: the answer did not acknowledge the task", {
        retryable: true,
      });
    return { provider: "runware", id: uuid };
  }

  /** Checks that come together go as one request (status-batch.ts); one with a signal goes alone. */
  async status(job: ProviderJob, signal?: AbortSignal): Promise<ProviderStatus> {
    if (signal === undefined) return this.#batch.status(job.id);
    return taskStatus(
      job.id,
      await this.#post([{ taskType: "getResponse", taskUUID: job.id }], "status", signal),
    );
  }

  async parseWebhook(body: Uint8Array, headers: WebhookHeaders, _now: Date): Promise<WebhookResult> {
    const expected = this.#options.webhookToken;
    const given = headers["x-framecast-webhook-token"];
    if (expected === undefined || given === undefined || !sameSecret(expected, given))
      return { ok: false, reason: "bad_signature" };
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body).toString("utf8"));
    } catch {
      return { ok: false, reason: "malformed" };
    }
    // Each completed item is its own call; accept the item itself or a {data:[item]} wrapper.
    const item = taskItemSchema.safeParse(json);
    const wrapped = replySchema.safeParse(json);
    const found = item.success ? item.data : wrapped.success ? wrapped.data.data?.[0] : undefined;
    if (found === undefined) return { ok: false, reason: "malformed" };
    return { ok: true, jobId: found.taskUUID, status: itemStatus(found) };
  }

  /** The tasks' answers; fails the whole request only on transport, 429/5xx or a malformed answer. */
  async #post(
    tasks: readonly Record<string, unknown>[],
    what: string,
    signal: AbortSignal | undefined,
  ): Promise<TaskAnswers> {
    const url = new URL("/v1", this.#options.baseUrl).toString();
    const headers = { Authorization: `Bearer ${this.#options.apiKey}`, "Content-Type": "application/json" };
    return withRetries(this.#http, async () => {
      const reply = await send(
        "runware",
        { method: "POST", url, headers, body: JSON.stringify(tasks), ...(signal ? { signal } : {}) },
        this.#http.timeoutMs,
      );
      if (reply.status === 429 || reply.status >= 500) throw httpError("runware", reply, what);
      const answer = checkedAnswer("runware", what, jsonAnswer("runware", what, reply.text), replySchema);
      const errors = answer.errors ?? [];
      if (errors.length === 0 && (reply.status < 200 || reply.status >= 300))
        throw httpError("runware", reply, what);
      return { data: answer.data ?? [], errors, httpStatus: reply.status };
    });
  }

  /** Sends tasks that must all be taken (a submission): any error refuses the request. */
  async #tasks(
    tasks: readonly Record<string, unknown>[],
    what: string,
    signal: AbortSignal | undefined,
  ): Promise<readonly RunwareItem[]> {
    const answer = await this.#post(tasks, what, signal);
    const first = answer.errors[0];
    if (first !== undefined)
      throw new ProviderError(
        "runware",
        `${what} refused: ${first.message}${first.parameter ? ` (${first.parameter})` : ""}`,
        {
          httpStatus: answer.httpStatus,
          ...(first.code === undefined ? {} : { providerCode: first.code }),
          retryable: false,
          moderated: MODERATION.test(first.message),
        },
      );
    return answer.data;
  }
}

/**
 * One task's status from the answers of the request it went in: the errors naming it (or naming
 * no task: the request's own) fail it; else its item; else, not known yet, it is still running.
 */
function taskStatus(uuid: string, answers: TaskAnswers): ProviderStatus {
  const errors = answers.errors.filter((e) => e.taskUUID === undefined || e.taskUUID === uuid);
  if (errors.length > 0) return failedStatus(errors);
  const mine = answers.data.filter((i) => i.taskUUID === uuid);
  const item = mine.find((i) => i.taskType === "videoInference") ?? mine[0];
  return item === undefined ? { state: "running" } : itemStatus(item);
}

function itemStatus(item: RunwareItem): ProviderStatus {
  switch (item.status) {
    case "success":
      return item.videoURL === undefined
        ? {
            state: "failed",
            code: "runware_no_video",
            message: "Runware finished without a video.",
            retryable: true,
          }
        : {
            state: "succeeded",
            videoUrl: item.videoURL,
            ...(item.seed === undefined ? {} : { seed: item.seed }),
          };
    case "error":
      return {
        state: "failed",
        code: "runware_error",
        message: "Runware could not generate this video.",
        retryable: false,
      };
    default:
      return { state: "running" };
  }
}

function failedStatus(errors: readonly RunwareError[]): ProviderStatus {
  const message = errors.map((e) => e.message).join("; ") || "Runware reported an error.";
  if (MODERATION.test(message))
    return { state: "moderated", message: `Runware's safety checks rejected this video: ${message}` };
  return { state: "failed", code: `runware_${errors[0]?.code ?? "error"}`, message, retryable: false };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
