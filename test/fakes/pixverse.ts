// A loopback fake of the PixVerse platform API (reference/providers.md §1, §10): API-KEY and a
// unique Ai-trace-id on every call; the {ErrCode, ErrMsg, Resp} envelope with HTTP 200 errors;
// multipart image upload; int64 ids beyond 2^53; statuses 5 → 1/7/8; a real MP4 at the result
// URL; and injectable failures (429 with Retry-After, 500, malformed JSON, a request that hangs).

import { randomInt } from "node:crypto";
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { z } from "zod";
import { closeServer, listenLoopback } from "./loopback.ts";

const MP4 = readFileSync(new URL("../fixtures/tiny.mp4", import.meta.url));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

const optional = {
  negative_prompt: z.string().max(2048).optional(),
  seed: z.number().int().min(0).max(2147483647).optional(),
  motion_mode: z.enum(["normal", "fast"]).optional(),
  style: z.enum(["anime", "3d_animation", "clay", "comic", "cyberpunk"]).optional(),
  generate_audio_switch: z.boolean().optional(),
  thinking_type: z.enum(["enabled", "disabled", "auto"]).optional(),
  water_mark: z.boolean().optional(),
};
const required = {
  prompt: z.string().min(1).max(2048),
  model: z.enum(["v5.6", "v6"]),
  duration: z.number().int().min(1).max(15),
  quality: z.enum(["360p", "540p", "720p", "1080p"]),
};
const ratio = z.enum(["16:9", "4:3", "1:1", "3:4", "9:16", "2:3", "3:2", "21:9"]);
const imageId = z.string().regex(/^\d+$/u); // checked as a JSON number in the raw body below

const SCHEMAS = {
  "/openapi/v2/video/text/generate": z.object({ ...required, ...optional, aspect_ratio: ratio }).strict(),
  "/openapi/v2/video/img/generate": z.object({ ...required, ...optional, img_id: imageId }).strict(),
  "/openapi/v2/video/transition/generate": z
    .object({ ...required, ...optional, first_frame_img: imageId, last_frame_img: imageId })
    .strict(),
} as const;

export type Failure = "429" | "500" | "malformed" | "hang" | "moderated-upload";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

export class FakePixverse extends EventEmitter {
  readonly apiKey = "pv-test-key";
  readonly requests: RecordedRequest[] = [];
  /** Statuses successive polls of the next job return (the last one repeats). */
  nextScript: readonly number[] = [5, 1];
  /** What the result URLs serve: a real MP4 unless a test swaps it. */
  media: Buffer = MP4;
  readonly #failures: Failure[] = [];
  readonly #jobs = new Map<
    string,
    { polls: number; script: readonly number[]; body: Record<string, unknown>; seed: number }
  >();
  /** Uploaded images by img_id: the bytes of an `image` file, or the `image_url` given. */
  readonly #images = new Map<
    string,
    { readonly url?: string; readonly bytes?: Buffer; readonly type?: string }
  >();
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
  image(
    imgId: unknown,
  ): { readonly url?: string; readonly bytes?: Buffer; readonly type?: string } | undefined {
    return typeof imgId === "string" ? this.#images.get(imgId) : undefined;
  }

  job(id: string): Record<string, unknown> | undefined {
    return this.#jobs.get(id)?.body;
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

    if (req.headers["api-key"] !== this.apiKey) {
      this.#envelope(res, 10002, "API-KEY is invalid");
      return;
    }
    const trace = req.headers["ai-trace-id"];
    if (typeof trace !== "string" || !UUID.test(trace)) {
      this.#envelope(res, 400, "Ai-trace-id must be a UUID");
      return;
    }
    if (this.#traceIds.has(trace)) {
      this.#envelope(res, 400, "Ai-trace-id must be unique per request");
      return;
    }
    this.#traceIds.add(trace);

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
    const result = /^\/openapi\/v2\/video\/result\/(\d+)$/u.exec(path);
    if (req.method === "GET" && result?.[1] !== undefined) {
      this.#result(result[1], res);
      return;
    }
    res.writeHead(404).end("not found");
    return;
  }

  async #upload(
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
    failure: Failure | undefined,
  ): Promise<void> {
    const type = req.headers["content-type"] ?? "";
    if (!type.startsWith("multipart/form-data")) {
      this.#envelope(res, 400, "multipart/form-data required");
      return;
    }
    const form = await new Request("http://x/", {
      method: "POST",
      headers: { "content-type": type },
      body,
    }).formData();
    const url = form.get("image_url");
    const file = form.get("image");
    const image =
      typeof url === "string" && /^https?:\/\//u.test(url)
        ? { url }
        : file instanceof Blob && file.size > 0
          ? { bytes: Buffer.from(await file.arrayBuffer()), type: file.type }
          : undefined;
    if (image === undefined) {
      this.#envelope(res, 400, "image or image_url required");
      return;
    }
    if (failure === "moderated-upload") {
      res.writeHead(500, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ err_code: 500052, err_msg: "图片未过审", resp: "" }));
    }
    const id = String(this.#nextId++);
    this.#images.set(id, image);
    this.#envelopeRaw(res, `{"img_id":${id},"img_url":"https://media.pixverse.ai/${id}.png"}`);
  }

  #generate(path: keyof typeof SCHEMAS, req: IncomingMessage, body: string, res: ServerResponse): void {
    if (req.headers["content-type"] !== "application/json") {
      this.#envelope(res, 400, "Content-Type must be application/json");
      return;
    }
    // Image ids must be JSON integers: read them as text so the int64 survives.
    const text = body.replace(/"(img_id|first_frame_img|last_frame_img)":(\d+)/gu, '"$1":"$2"');
    if (text === body && path !== "/openapi/v2/video/text/generate") {
      this.#envelope(res, 400, "image ids must be integers");
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      this.#envelope(res, 400, "invalid JSON");
      return;
    }
    const checked = SCHEMAS[path].safeParse(parsed);
    if (!checked.success) {
      this.#envelope(res, 400017, `invalid param: ${checked.error.issues[0]?.path.join(".")}`);
      return;
    }
    for (const key of ["img_id", "first_frame_img", "last_frame_img"] as const) {
      const value = (checked.data as Record<string, unknown>)[key];
      if (typeof value === "string" && !this.#images.has(value)) {
        this.#envelope(res, 400, `unknown ${key}`);
        return;
      }
    }
    const id = String(this.#nextId++);
    const params = checked.data as Record<string, unknown>;
    // PixVerse reports the seed it used (`Resp.seed`): the one asked for, else one it picked.
    const seed = typeof params.seed === "number" ? params.seed : randomInt(0, 2147483648);
    this.#jobs.set(id, { polls: 0, script: this.nextScript, body: params, seed });
    this.#envelopeRaw(res, `{"video_id":${id}}`);
  }

  #result(id: string, res: ServerResponse): void {
    const job = this.#jobs.get(id);
    if (job === undefined) {
      this.#envelope(res, 500030, "video not found");
      return;
    }
    const status = job.script[Math.min(job.polls, job.script.length - 1)] ?? 5;
    job.polls++;
    const done = status === 1;
    const [w, h] = [1280, 720];
    this.#envelopeRaw(
      res,
      `{"id":${id},"status":${status},"url":"${done ? `${this.baseUrl}/media/${id}.mp4` : ""}","prompt":${JSON.stringify(job.body.prompt)},"seed":${job.seed},"resolution_ratio":720,"outputWidth":${w},"outputHeight":${h},"size":0,"style":"","create_time":"2026-11-22 01:00:00","modify_time":"2026-11-22 01:00:00"}`,
    );
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
