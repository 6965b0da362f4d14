// A loopback fake of Replicate's predictions API (reference/providers.md §3, §10): Bearer auth;
// 201 on create with urls.get and urls.cancel; starting → processing → succeeded/failed; the
// output a URI string; cancel; problem-details errors (422 for bad input); webhooks signed the
// Standard Webhooks way; a real MP4; injectable 429 (Retry-After) and 5xx.

import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { z } from "zod";
import { signStandardWebhook } from "../../src/providers/standard-webhooks.ts";
import { closeServer, listenLoopback } from "./loopback.ts";

const MP4 = readFileSync(new URL("../fixtures/tiny.mp4", import.meta.url));

const inputSchema = z
  .object({
    prompt: z.string().min(1),
    quality: z.enum(["360p", "540p", "720p", "1080p"]).optional(),
    aspect_ratio: z.enum(["16:9", "4:3", "1:1", "3:4", "9:16", "2:3", "3:2", "21:9"]).optional(),
    duration: z.number().int().min(1).max(15).optional(),
    motion_mode: z.enum(["normal", "fast"]).optional(),
    negative_prompt: z.string().optional(),
    seed: z.number().int().optional(),
    style: z.enum(["anime", "3d_animation", "clay", "comic", "cyberpunk"]).optional(),
    image: z.string().optional(),
    last_frame_image: z.string().optional(),
    generate_audio_switch: z.boolean().optional(),
    thinking_type: z.enum(["enabled", "disabled", "auto"]).optional(),
  })
  .strict()
  .refine((i) => i.last_frame_image === undefined || i.image !== undefined, {
    message: "last_frame_image must be used with image",
  });

const createSchema = z
  .object({
    input: inputSchema,
    webhook: z.url().optional(),
    webhook_events_filter: z.array(z.string()).optional(),
  })
  .strict();

export type ReplicateOutcome = "succeeded" | "failed" | "flagged";

interface Prediction {
  readonly id: string;
  readonly model: string;
  readonly input: Record<string, unknown>;
  readonly outcome: ReplicateOutcome;
  readonly webhook: string | undefined;
  polls: number;
  canceled: boolean;
}

export class FakeReplicate {
  readonly token = "r8_test_token";
  readonly webhookSecret = `whsec_${randomBytes(24).toString("base64")}`;
  nextOutcome: ReplicateOutcome = "succeeded";
  readonly #predictions = new Map<string, Prediction>();
  readonly #failures: ("429" | "500")[] = [];
  #server: Server | undefined;
  baseUrl = "";

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

  prediction(id: string): Prediction | undefined {
    return this.#predictions.get(id);
  }

  /** The webhook Replicate would POST when prediction `id` completes. */
  webhookFor(id: string, options: { at?: Date; secret?: string; tamper?: boolean } = {}) {
    const p = this.#predictions.get(id);
    if (p === undefined) throw new Error(`no prediction ${id}`);
    const body = Buffer.from(
      JSON.stringify(this.#view(p, p.outcome === "succeeded" ? "succeeded" : "failed")),
    );
    const timestamp = Math.floor((options.at ?? new Date()).getTime() / 1000);
    const msgId = `msg_${randomUUID()}`;
    const signature = signStandardWebhook(options.secret ?? this.webhookSecret, msgId, timestamp, body);
    const sent = options.tamper === true ? Buffer.from(body.toString().replace("succeeded", "failed")) : body;
    return {
      body: new Uint8Array(sent),
      headers: {
        "webhook-id": msgId,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": `v1,bm90LXRoaXMtb25l ${signature}`,
      },
    };
  }

  #view(p: Prediction, status: string): Record<string, unknown> {
    return {
      id: p.id,
      model: p.model,
      version: "dbb4f5f0",
      input: p.input,
      logs: "",
      output: status === "succeeded" ? `${this.baseUrl}/media/${p.id}.mp4` : null,
      error:
        status === "failed"
          ? p.outcome === "flagged"
            ? "The input or output was flagged as sensitive (E005)"
            : "Prediction failed"
          : null,
      status,
      created_at: "2026-11-22T01:00:00.000Z",
      urls: {
        get: `${this.baseUrl}/v1/predictions/${p.id}`,
        cancel: `${this.baseUrl}/v1/predictions/${p.id}/cancel`,
      },
    };
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const path = (req.url ?? "").split("?")[0] ?? "";
    const send = (status: number, json: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(json));
    };
    if (path.startsWith("/media/")) {
      res.writeHead(200, { "content-type": "video/mp4" }).end(MP4);
      return;
    }
    const failure = this.#failures.shift();
    if (failure === "429")
      return send(
        429,
        { title: "Too Many Requests", detail: "Request was throttled.", status: 429 },
        { "retry-after": "4" },
      );
    if (failure === "500") return send(500, { title: "Internal Server Error", status: 500 });
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return send(401, { title: "Unauthenticated", detail: "Invalid token.", status: 401 });

    const create = /^\/v1\/models\/pixverse\/(pixverse-v5\.6|pixverse-v6)\/predictions$/u.exec(path);
    if (create?.[1] !== undefined && req.method === "POST") {
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return send(400, { title: "Bad Request", detail: "Body is not JSON.", status: 400 });
      }
      const parsed = createSchema.safeParse(json);
      if (!parsed.success) {
        return send(422, {
          title: "Input validation failed",
          detail: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
          status: 422,
        });
      }
      const p: Prediction = {
        id: randomUUID().replaceAll("-", "").slice(0, 26),
        model: `pixverse/${create[1]}`,
        input: parsed.data.input,
        outcome: this.nextOutcome,
        webhook: parsed.data.webhook,
        polls: 0,
        canceled: false,
      };
      this.#predictions.set(p.id, p);
      return send(201, this.#view(p, "starting"));
    }
    const get = /^\/v1\/predictions\/([a-z0-9]+)(\/cancel)?$/u.exec(path);
    const p = get?.[1] === undefined ? undefined : this.#predictions.get(get[1]);
    if (p === undefined)
      return send(404, { title: "Not found", detail: "Prediction not found.", status: 404 });
    const order = ["starting", "processing", p.outcome === "succeeded" ? "succeeded" : "failed"];
    const current = (): string =>
      p.canceled ? "canceled" : (order[Math.min(p.polls, order.length - 1)] ?? "failed");
    if (get?.[2] === "/cancel" && req.method === "POST") {
      if (current() === "starting" || current() === "processing") p.canceled = true;
      return send(200, this.#view(p, current()));
    }
    if (req.method === "GET") {
      p.polls++;
      return send(200, this.#view(p, current()));
    }
    return send(405, { title: "Method Not Allowed", status: 405 });
  }
}
