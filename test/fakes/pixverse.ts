// A loopback fake of the PixVerse platform API (reference/providers.md §1, §10): API-KEY and a
// unique Ai-trace-id on every call; the {ErrCode, ErrMsg, Resp} envelope with HTTP 200 errors;
// multipart image upload; int64 ids beyond 2^53; statuses 5 → 1/7/8; a real MP4 at the result
// URL; injectable failures (429 with Retry-After, 500, malformed JSON, a request that hangs, an
// envelope error whose message echoes the API-KEY header back, as careless servers do); signed
// webhook deliveries (pixverse-webhook.ts) and its billing record (pixverse-billing.ts).

import { randomInt } from "node:crypto";
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { closeServer, listenLoopback } from "./loopback.ts";
import { FakeBilling } from "./pixverse-billing.ts";
import {
  checkGenerate,
  checkHeaders,
  type IdField,
  type Refusal,
  readUpload,
  SCHEMAS,
  type UploadedImage,
} from "./pixverse-requests.ts";
import { type DeliveryOptions, deliver, signedDelivery } from "./pixverse-webhook.ts";

const MP4 = readFileSync(new URL("../fixtures/tiny.mp4", import.meta.url));

export type Failure = "429" | "500" | "malformed" | "hang" | "moderated-upload" | "echo-key";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

export class FakePixverse extends EventEmitter {
  readonly apiKey = "pv-test-key";
  /** The secret PixVerse signs webhook deliveries with (set in its console beside the URL). */
  readonly webhookSecret = "pv-webhook-secret";
  readonly requests: RecordedRequest[] = [];
  /** Statuses successive polls of the next job return (the last one repeats). */
  nextScript: readonly number[] = [5, 1];
  /** What the result URLs serve: a real MP4 unless a test swaps it. */
  media: Buffer = MP4;
  /** PixVerse's record of credits consumed and refunded (usage-detail). */
  readonly billing = new FakeBilling();
  readonly #failures: Failure[] = [];
  readonly #jobs = new Map<
    string,
    {
      polls: number;
      script: readonly number[];
      body: Record<string, unknown>;
      seed: number;
      refunded?: boolean;
    }
  >();
  /** Uploaded images by img_id: the bytes of an `image` file, or the `image_url` given. */
  readonly #images = new Map<string, UploadedImage>();
  readonly #traceIds = new Set<string>();
  readonly #hung: ServerResponse[] = [];
  #nextId = 2n ** 53n + 1n; // beyond Number.MAX_SAFE_INTEGER, as real int64 ids can be
  #server: Server | undefined;
  baseUrl = "";

  async start(): Promise<this> {
    ({ server: this.#server, baseUrl: this.baseUrl } = await listenLoopback((req, res) =>
      this.#handle(req, res),
    ));
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.#hung) res.destroy();
    await closeServer(this.#server);
  }

  /** The next request fails this way (queued, one per request). */
  failNext(...failures: Failure[]): void {
    this.#failures.push(...failures);
  }

  /**
   * Makes the `count` oldest jobs that are still generating succeed at their next poll (with
   * `nextScript = [5]` jobs generate until told to finish: a test decides when videos are ready).
   */
  finish(count = Number.POSITIVE_INFINITY): void {
    let left = count;
    for (const job of this.#jobs.values()) {
      if (left <= 0) return;
      if (job.script.at(-1) === 1) continue;
      job.script = [1];
      left--;
    }
  }

  /** An uploaded image by its img_id (as the generate body carries it). */
  image(imgId: unknown): UploadedImage | undefined {
    return typeof imgId === "string" ? this.#images.get(imgId) : undefined;
  }

  /** The prompt of every video generated so far, one entry per generate call (a bench counts them). */
  prompts(): string[] {
    return [...this.#jobs.values()].map((job) => String(job.body.prompt ?? ""));
  }

  job(id: string): Record<string, unknown> | undefined {
    return this.#jobs.get(id)?.body;
  }

  /** The signed webhook PixVerse sends when video `id` ends (see pixverse-webhook.ts). */
  webhookFor(
    id: string,
    options: DeliveryOptions = {},
  ): { body: Uint8Array; headers: Record<string, string> } {
    const job = this.#jobs.get(id);
    if (job === undefined) throw new Error(`no job ${id}`);
    const facts = {
      id,
      url: `${this.baseUrl}/media/${id}.mp4`,
      size: this.media.length,
      hasAudio: job.body.generate_audio_switch === true,
      credits: this.credits(id),
    };
    return signedDelivery(this.webhookSecret, facts, options);
  }

  /** Delivers video `id`'s webhook to `url` as PixVerse would; unacknowledged ones are kept. */
  async deliver(url: string, id: string, options: DeliveryOptions = {}) {
    const answer = await deliver(url, this.webhookFor(id, options));
    if (!answer.accepted) this.undelivered.push(id);
    return answer;
  }

  /** Videos whose webhook was not acknowledged with `200 ok` (PixVerse would retry them). */
  readonly undelivered: string[] = [];

  /** What video `id` cost: this fake's own rate, 10 credits a second (not PixVerse's table). */
  credits(id: string): number {
    const duration = this.#jobs.get(id)?.body.duration;
    return 10 * (typeof duration === "number" ? duration : 0);
  }

  /** The seed the fake reports for a video: the one asked for, else the one it picked. */
  seedOf(id: string): number | undefined {
    return this.#jobs.get(id)?.seed;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const body = raw.toString("utf8");
    const path = (req.url ?? "").split("?")[0] ?? "";
    this.requests.push({ method: req.method ?? "", path, headers: req.headers, body });
    this.emit("request", path);

    if (path.startsWith("/media/")) {
      const video = this.media;
      res.writeHead(200, { "content-type": "video/mp4", "content-length": video.length }).end(video);
      return;
    }
    const failure = this.#failures.shift();
    if (failure === "hang") {
      this.#hung.push(res);
      this.emit("hung", path);
      return;
    }
    if (failure === "429") {
      res.writeHead(429, { "retry-after": "2" }).end("Too Many Requests");
      return;
    }
    if (failure === "500") {
      res.writeHead(500).end("upstream error");
      return;
    }
    if (failure === "malformed") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"ErrCode":0,');
      return;
    }

    if (failure === "echo-key") {
      this.#envelope(res, 10005, `API-KEY ${String(req.headers["api-key"])} has no access to this model`);
      return;
    }
    const refused = checkHeaders(req.headers, this.apiKey, this.#traceIds);
    if (refused !== undefined) {
      this.#envelope(res, refused.code, refused.message);
      return;
    }

    if (req.method === "POST" && path === "/openapi/v2/image/upload") {
      await this.#upload(req, raw, res, failure);
      return;
    }
    if (req.method === "POST" && path in SCHEMAS) {
      this.#generate(path as keyof typeof SCHEMAS, req, body, res);
      return;
    }
    // The cheapest harmless call (§1 "Other endpoints"); framecast doctor checks the key with it.
    if (req.method === "GET" && path === "/openapi/v2/account/balance") {
      this.#envelopeRaw(res, JSON.stringify({ account_id: 1, credit_monthly: 1000, credit_package: 500 }));
      return;
    }
    if (req.method === "POST" && path === "/openapi/v2/account/billing/usage-detail") {
      const answer = this.billing.answer(req.headers["content-type"], body);
      if (answer.ok) this.#envelopeRaw(res, answer.resp);
      else this.#envelope(res, answer.code, answer.message);
      return;
    }
    const result = /^\/openapi\/v2\/video\/result\/(\d+)$/u.exec(path);
    if (req.method === "GET" && result?.[1] !== undefined) {
      this.#result(result[1], res);
      return;
    }
    res.writeHead(404).end("not found");
    return;
  }

  async #upload(req: IncomingMessage, body: Buffer, res: ServerResponse, failure?: Failure): Promise<void> {
    const read = await readUpload(req.headers["content-type"], body);
    if (!read.ok) return this.#envelope(res, read.code, read.message);
    if (failure === "moderated-upload") {
      res.writeHead(500, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ err_code: 500052, err_msg: "图片未过审", resp: "" }));
    }
    const id = String(this.#nextId++);
    this.#images.set(id, read.image);
    this.#envelopeRaw(res, `{"img_id":${id},"img_url":"https://media.pixverse.ai/${id}.png"}`);
  }

  #generate(path: keyof typeof SCHEMAS, req: IncomingMessage, body: string, res: ServerResponse): void {
    const checked = checkGenerate(path, req.headers["content-type"], body, (field, id) =>
      this.#known(field, id),
    );
    if (!checked.ok) {
      this.#envelope(res, checked.code, checked.message);
      return;
    }
    const id = String(this.#nextId++);
    const params = checked.data as Record<string, unknown>;
    // PixVerse reports the seed it used (`Resp.seed`): the one asked for, else one it picked.
    const seed = typeof params.seed === "number" ? params.seed : randomInt(0, 2147483648);
    this.#jobs.set(id, { polls: 0, script: this.nextScript, body: params, seed });
    this.billing.consumed(id, this.credits(id), path);
    this.#envelopeRaw(res, `{"video_id":${id}}`);
  }

  /**
   * Whether an id in a generate body names something this account has: an uploaded image, or
   * for extend a video it generated that is done (PixVerse refuses to continue anything else;
   * the code is this fake's, the real table is unread [U]).
   */
  #known(field: IdField, id: string): Refusal | undefined {
    if (field === "source_video_id") {
      const job = this.#jobs.get(id);
      if (job === undefined) return { ok: false, code: 500030, message: "source video not found" };
      if (job.script[Math.min(job.polls - 1, job.script.length - 1)] !== 1)
        return { ok: false, code: 500031, message: "source video is not finished" };
      return undefined;
    }
    if (field === "video_media_id") return { ok: false, code: 500030, message: "media not found" };
    return this.#images.has(id) ? undefined : { ok: false, code: 400, message: `unknown ${field}` };
  }

  #result(id: string, res: ServerResponse): void {
    const job = this.#jobs.get(id);
    if (job === undefined) {
      this.#envelope(res, 500030, "video not found");
      return;
    }
    const status = job.script[Math.min(job.polls, job.script.length - 1)] ?? 5;
    job.polls++;
    this.#refundIfFailed(id, status);
    const done = status === 1;
    const [w, h] = [1280, 720];
    this.#envelopeRaw(
      res,
      `{"id":${id},"status":${status},"url":"${done ? `${this.baseUrl}/media/${id}.mp4` : ""}","prompt":${JSON.stringify(job.body.prompt)},"seed":${job.seed},"resolution_ratio":720,"outputWidth":${w},"outputHeight":${h},"size":0,"style":"","create_time":"2026-11-22 01:00:00","modify_time":"2026-11-22 01:00:00"}`,
    );
  }

  /** A failed or moderated video's credits go back (PixVerse charges nothing for a failure). */
  #refundIfFailed(id: string, status: number): void {
    const job = this.#jobs.get(id);
    if (job === undefined || job.refunded === true || (status !== 7 && status !== 8)) return;
    job.refunded = true;
    this.billing.refunded(id, this.credits(id));
  }

  #envelope(res: ServerResponse, code: number, message: string): void {
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ ErrCode: code, ErrMsg: message, Resp: {} }));
  }

  #envelopeRaw(res: ServerResponse, resp: string): void {
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(`{"ErrCode":0,"ErrMsg":"success","Resp":${resp}}`);
  }
}
