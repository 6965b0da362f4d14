// Loopback fakes of the OpenAI-style gateways (reference/providers.md §6, seeds/lumenfall-*.md,
// seeds/aigateway-*.md): Bearer auth; Lumenfall's POST /v1/videos + GET /v1/videos/{id} with
// output.url, AIGateway's POST /v1/videos/generations + GET /v1/jobs/{id} with result.url;
// queued → in progress → completed/failed; documented error bodies; a real MP4; 429 and 5xx.

import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { z } from "zod";
import { closeServer, listenLoopback } from "./loopback.ts";

const MP4 = readFileSync(new URL("../fixtures/tiny.mp4", import.meta.url));

const lumenfallBody = z
  .object({
    model: z.literal("pixverse-v5.6"),
    prompt: z.string().min(1),
    duration: z.union([z.literal(5), z.literal(8), z.literal(10)]),
    aspect_ratio: z.enum(["9:16", "3:4", "1:1", "4:3", "16:9"]).optional(),
    size: z.string().optional(),
    quality: z.enum(["360p", "540p", "720p", "1080p"]).optional(),
    generate_audio_switch: z.boolean().optional(),
    thinking_type: z.enum(["enabled", "disabled"]).optional(),
    negative_prompt: z.string().optional(),
    seed: z.number().int().optional(),
    style: z.enum(["anime", "3d_animation", "clay", "comic", "cyberpunk"]).optional(),
    input_reference: z.array(z.string()).min(1).optional(),
    last_frame_image: z.string().optional(),
  })
  .strict();
const aigatewayBody = z
  .object({
    model: z.enum(["pixverse/v5.6", "pixverse/v6"]),
    prompt: z.string().min(1),
    duration: z.number().int(),
    aspect_ratio: z.string(),
  })
  .strict();

export type GatewayOutcome = "completed" | "failed" | "moderated";

export class FakeGateway {
  readonly key = "sk-test-gateway";
  nextOutcome: GatewayOutcome = "completed";
  readonly bodies = new Map<string, unknown>();
  readonly #jobs = new Map<string, { polls: number; outcome: GatewayOutcome }>();
  readonly #failures: ("429" | "500")[] = [];
  readonly dialect: "lumenfall" | "aigateway";
  #server: Server | undefined;
  baseUrl = "";

  constructor(dialect: "lumenfall" | "aigateway") {
    this.dialect = dialect;
  }

  async start(): Promise<this> {
    ({ server: this.#server, baseUrl: this.baseUrl } = await listenLoopback((req, res) =>
      this.#handle(req, res),
    ));
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.#server);
  }

  failNext(...failures: ("429" | "500")[]): void {
    this.#failures.push(...failures);
  }

  #view(id: string, status: string, outcome: GatewayOutcome): Record<string, unknown> {
    const url = `${this.baseUrl}/media/${id}.mp4`;
    const error =
      outcome === "moderated" ? "The prompt was flagged by content moderation" : "Upstream provider failed";
    if (this.dialect === "lumenfall") {
      const s =
        { queued: "queued", running: "in_progress", done: outcome === "completed" ? "completed" : "failed" }[
          status
        ] ?? status;
      return {
        id,
        object: "video",
        model: "pixverse-v5.6",
        status: s,
        progress: status === "running" ? 40 : status === "done" ? 100 : 0,
        ...(s === "completed" ? { output: { url } } : {}),
        ...(s === "failed"
          ? { error: { code: outcome === "moderated" ? "content_policy" : "provider_error", message: error } }
          : {}),
      };
    }
    const s =
      { queued: "queued", running: "processing", done: outcome === "completed" ? "completed" : "failed" }[
        status
      ] ?? status;
    return {
      id,
      status: s,
      model: "pixverse/v5.6",
      created: 1776947082,
      ...(s === "completed" ? { result: { url, duration: 5, resolution: "1920x1080" } } : {}),
      ...(s === "failed" ? { error } : {}),
    };
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
    };
    const path = req.url ?? "";
    if (path.startsWith("/media/")) {
      res.writeHead(200, { "content-type": "video/mp4" }).end(MP4);
      return;
    }
    const failure = this.#failures.shift();
    if (failure === "429")
      return json(
        429,
        { error: { type: "rate_limit_error", message: "Over per-minute limit" } },
        { "retry-after": "5" },
      );
    if (failure === "500")
      return json(500, { error: { type: "server_error", message: "Upstream provider failed" } });
    if (req.headers.authorization !== `Bearer ${this.key}`)
      return json(401, { error: { type: "authentication_error", message: "Invalid or missing API key" } });
    const create = this.dialect === "lumenfall" ? "/v1/videos" : "/v1/videos/generations";
    if (req.method === "POST" && path === create) {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return json(400, { error: { type: "invalid_request_error", message: "Body is not JSON" } });
      }
      const checked = (this.dialect === "lumenfall" ? lumenfallBody : aigatewayBody).safeParse(body);
      if (!checked.success)
        return json(400, {
          error: { type: "invalid_request_error", message: checked.error.issues[0]?.message ?? "invalid" },
        });
      const id =
        this.dialect === "lumenfall"
          ? `video_${randomUUID().slice(0, 8)}`
          : `job_${randomUUID().slice(0, 8)}`;
      this.bodies.set(id, checked.data);
      this.#jobs.set(id, { polls: 0, outcome: this.nextOutcome });
      return json(200, this.#view(id, "queued", this.nextOutcome));
    }
    const poll =
      this.dialect === "lumenfall"
        ? /^\/v1\/videos\/([\w-]+)$/u.exec(path)
        : /^\/v1\/jobs\/([\w-]+)$/u.exec(path);
    const job = poll?.[1] === undefined ? undefined : this.#jobs.get(poll[1]);
    if (req.method === "GET" && poll?.[1] !== undefined && job !== undefined) {
      job.polls++;
      return json(200, this.#view(poll[1], job.polls < 2 ? "running" : "done", job.outcome));
    }
    return json(404, { error: { type: "not_found", message: "Unknown model or endpoint" } });
  }
}
