// A loopback fake of Cloudflare Workers AI's run endpoint for pixverse/v5.6 and pixverse/v6
// (seeds/cloudflare-pixverse-*.md, reference/providers.md §5, §10): Bearer auth; the
// {model, input} body checked field by field; one long synchronous request, held open until the
// test decides how it ends (no timers); the {result, success, errors, messages} envelope.

import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { z } from "zod";
import { closeServer, listenLoopback } from "./loopback.ts";

const MP4 = readFileSync(new URL("../fixtures/tiny.mp4", import.meta.url));

const base = {
  prompt: z.string().min(1).max(2048),
  negative_prompt: z.string().max(2048).optional(),
  image_input: z
    .string()
    .regex(/^data:image\/[a-z]+;base64,[A-Za-z0-9+/=]+$/u)
    .optional(),
  aspect_ratio: z.enum(["16:9", "4:3", "1:1", "3:4", "9:16", "2:3", "3:2", "21:9"]),
  quality: z.enum(["360p", "540p", "720p", "1080p"]),
  seed: z.number().int().min(0).max(2147483647).optional(),
  generate_audio: z.boolean(),
};
const bodySchema = z.discriminatedUnion("model", [
  z
    .object({
      model: z.literal("pixverse/v5.6"),
      input: z
        .object({
          ...base,
          duration: z.union([z.literal(5), z.literal(8), z.literal(10)]),
          motion_mode: z.enum(["normal", "fast"]).optional(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      model: z.literal("pixverse/v6"),
      input: z.object({ ...base, duration: z.number().int().min(1).max(15) }).strict(),
    })
    .strict(),
]);

export type Ending = "video" | "error" | "nsfw" | "drop";

export class FakeCloudflare extends EventEmitter {
  readonly accountId = "acc123";
  readonly token = "cf-test-token";
  readonly bodies: unknown[] = [];
  readonly #held: ServerResponse[] = [];
  #server: Server | undefined;
  baseUrl = "";

  async start(): Promise<this> {
    ({ server: this.#server, baseUrl: this.baseUrl } = await listenLoopback((req, res) =>
      this.#handle(req, res),
    ));
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.#held) res.destroy();
    await closeServer(this.#server);
  }

  /** Resolves when a generation request is being held open. */
  nextHeld(): Promise<void> {
    return this.#held.length > 0
      ? Promise.resolve()
      : new Promise((resolve) => this.once("held", () => resolve()));
  }

  /** Ends the oldest held request. */
  finish(ending: Ending): void {
    const res = this.#held.shift();
    if (res === undefined) throw new Error("no request is being held");
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (ending === "drop") res.destroy();
    else if (ending === "video")
      json(200, {
        result: { video: `${this.baseUrl}/media/out.mp4` },
        success: true,
        errors: [],
        messages: [],
      });
    else if (ending === "nsfw")
      json(400, {
        result: null,
        success: false,
        errors: [{ code: 3030, message: "Input flagged by content safety (NSFW)" }],
        messages: [],
      });
    else
      json(500, {
        result: null,
        success: false,
        errors: [{ code: 3043, message: "Internal server error" }],
        messages: [],
      });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (req.url === "/media/out.mp4") {
      res.writeHead(200, { "content-type": "video/mp4" }).end(MP4);
      return;
    }
    if (req.method !== "POST" || req.url !== `/client/v4/accounts/${this.accountId}/ai/run`) {
      return json(404, {
        success: false,
        errors: [{ code: 7003, message: "No route for that URI" }],
        messages: [],
        result: null,
      });
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return json(401, {
        success: false,
        errors: [{ code: 10000, message: "Authentication error" }],
        messages: [],
        result: null,
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return json(400, {
        success: false,
        errors: [{ code: 5006, message: "Could not parse the request body" }],
        messages: [],
        result: null,
      });
    }
    this.bodies.push(body);
    const checked = bodySchema.safeParse(body);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return json(400, {
        success: false,
        errors: [{ code: 5006, message: `${issue?.path.join(".")}: ${issue?.message}` }],
        messages: [],
        result: null,
      });
    }
    this.#held.push(res);
    this.emit("held");
  }
}
