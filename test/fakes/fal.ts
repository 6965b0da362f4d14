// A loopback fake of fal's queue API for PixVerse (reference/providers.md §2, §10): `Key` auth;
// submit on the full endpoint path; status, result and cancel on owner/alias only (as absolute
// URLs it returns); COMPLETED even for failures, whose result is a non-2xx `detail`; PUT cancel;
// Ed25519-signed webhooks with keys served as a JWKS; a real MP4; injectable 429/5xx/malformed.

import { createHash, generateKeyPairSync, type JsonWebKey, randomUUID, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { z } from "zod";
import { ENDPOINTS } from "./fal-endpoints.ts";
import { closeServer, listenLoopback } from "./loopback.ts";

const MP4 = readFileSync(new URL("../fixtures/tiny.mp4", import.meta.url));

export type Outcome = "ok" | "invalid" | "moderated";
export type FalFailure = "429" | "500" | "malformed";

interface Job {
  readonly endpoint: string;
  readonly input: Record<string, unknown>;
  readonly script: string[];
  readonly outcome: Outcome;
  readonly webhook: string | undefined;
  polls: number;
  canceled: boolean;
}

export class FakeFal {
  readonly apiKey = "fal-test-key-id:secret";
  readonly userId = "user-1234";
  /** Status of successive polls of the next job (the last repeats); "IN_QUEUE:n" gives a position. */
  nextScript = ["IN_QUEUE:2", "IN_PROGRESS", "COMPLETED"];
  nextOutcome: Outcome = "ok";
  readonly requests: { method: string; path: string; auth: string | undefined; query: string }[] = [];
  readonly #jobs = new Map<string, Job>();
  readonly #failures: FalFailure[] = [];
  readonly #keys = generateKeyPairSync("ed25519");
  #server: Server | undefined;
  baseUrl = "";

  get jwks(): { keys: JsonWebKey[] } {
    return { keys: [{ ...this.#keys.publicKey.export({ format: "jwk" }), kid: "fake-1" }] };
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

  failNext(...failures: FalFailure[]): void {
    this.#failures.push(...failures);
  }

  input(id: string): Record<string, unknown> | undefined {
    return this.#jobs.get(id)?.input;
  }

  webhookUrl(id: string): string | undefined {
    return this.#jobs.get(id)?.webhook;
  }

  /** The webhook fal would POST when job `id` ends, signed with this fake's key. */
  webhookFor(
    id: string,
    options: { at?: Date; tamper?: boolean; signWith?: "other-key" } = {},
  ): { body: Uint8Array; headers: Record<string, string> } {
    const job = this.#jobs.get(id);
    if (job === undefined) throw new Error(`no job ${id}`);
    const payload =
      job.outcome === "ok"
        ? { request_id: id, gateway_request_id: id, status: "OK", payload: { video: this.#video(id) } }
        : {
            request_id: id,
            gateway_request_id: id,
            status: "ERROR",
            error: "Invalid status code: 422",
            payload: { detail: this.#detail(job.outcome) },
          };
    const body = Buffer.from(JSON.stringify(payload));
    const timestamp = String(Math.floor((options.at ?? new Date()).getTime() / 1000));
    const message = `${id}\n${this.userId}\n${timestamp}\n${createHash("sha256").update(body).digest("hex")}`;
    const key =
      options.signWith === "other-key" ? generateKeyPairSync("ed25519").privateKey : this.#keys.privateKey;
    const signature = sign(null, Buffer.from(message), key).toString("hex");
    const sent =
      options.tamper === true ? Buffer.from(body.toString().replace("request_id", "request_id ")) : body;
    return {
      body: new Uint8Array(sent),
      headers: {
        "x-fal-webhook-request-id": id,
        "x-fal-webhook-user-id": this.userId,
        "x-fal-webhook-timestamp": timestamp,
        "x-fal-webhook-signature": signature,
      },
    };
  }

  #video(id: string) {
    return {
      url: `${this.baseUrl}/media/${id}.mp4`,
      content_type: "video/mp4",
      file_name: `${id}.mp4`,
      file_size: MP4.length,
    };
  }

  /**
   * An extend's `video_url` must be a video fal can download: here, one of this fake's finished
   * videos (anything else is a link fal can't read, refused as its validation error).
   */
  #unreadableVideo(input: Record<string, unknown>): string | undefined {
    const link = input.video_url;
    if (typeof link !== "string") return undefined;
    const prefix = `${this.baseUrl}/media/`;
    const id = link.startsWith(prefix) ? link.slice(prefix.length).replace(/\.mp4$/u, "") : "";
    const job = this.#jobs.get(id);
    if (job === undefined || job.outcome !== "ok") return "Could not download the video from video_url";
    return undefined;
  }

  #detail(outcome: Outcome): unknown {
    return outcome === "moderated"
      ? "Content policy violation: the prompt was flagged as sensitive"
      : [{ loc: ["body", "prompt"], msg: "The generated video could not be produced", type: "value_error" }];
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", this.baseUrl);
    this.requests.push({
      method: req.method ?? "",
      path: url.pathname,
      auth: req.headers.authorization,
      query: url.search,
    });
    const send = (status: number, json: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(json));
    };

    if (url.pathname.startsWith("/media/")) {
      res.writeHead(200, { "content-type": "video/mp4", "content-length": MP4.length }).end(MP4);
      return;
    }
    const failure = this.#failures.shift();
    if (failure === "429") return send(429, { detail: "Too many requests" }, { "retry-after": "3" });
    if (failure === "500") return send(500, { detail: "Internal error" });
    if (failure === "malformed") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":');
      return;
    }
    if (req.headers.authorization !== `Key ${this.apiKey}`) return send(401, { detail: "Invalid API key" });

    const endpoint = url.pathname.slice(1);
    if (req.method === "POST" && endpoint in ENDPOINTS) {
      if (req.headers["content-type"] !== "application/json")
        return send(415, { detail: "JSON body required" });
      let input: unknown;
      try {
        input = JSON.parse(body);
      } catch {
        return send(422, { detail: "body is not JSON" });
      }
      const checked = (ENDPOINTS[endpoint] as z.ZodType).safeParse(input);
      if (!checked.success) {
        return send(422, {
          detail: checked.error.issues.map((i) => ({
            loc: ["body", ...i.path.map(String)],
            msg: i.message,
            type: i.code,
          })),
        });
      }
      const unreadable = this.#unreadableVideo(checked.data as Record<string, unknown>);
      if (unreadable !== undefined)
        return send(422, { detail: [{ loc: ["body", "video_url"], msg: unreadable, type: "value_error" }] });
      const id = randomUUID();
      const webhook = url.searchParams.get("fal_webhook") ?? undefined;
      this.#jobs.set(id, {
        endpoint,
        input: checked.data as Record<string, unknown>,
        script: this.nextScript,
        outcome: this.nextOutcome,
        webhook,
        polls: 0,
        canceled: false,
      });
      const base = `${this.baseUrl}/fal-ai/pixverse/requests/${id}`;
      return send(200, {
        request_id: id,
        response_url: base,
        status_url: `${base}/status`,
        cancel_url: `${base}/cancel`,
        status: "IN_QUEUE",
        queue_position: 0,
      });
    }

    // Status, result and cancel live under owner/alias only: fal-ai/pixverse/requests/{id}.
    const m = /^\/fal-ai\/pixverse\/requests\/([0-9a-f-]+)(\/status|\/cancel)?$/u.exec(url.pathname);
    const job = m?.[1] === undefined ? undefined : this.#jobs.get(m[1]);
    if (m === null || m[1] === undefined) return send(404, { detail: "Not Found" });
    if (job === undefined) return send(404, { detail: "Request not found", status: "NOT_FOUND" });
    const state = (): string =>
      job.canceled ? "COMPLETED" : (job.script[Math.min(job.polls, job.script.length - 1)] ?? "COMPLETED");
    if (m[2] === "/status" && req.method === "GET") {
      const [status, position] = state().split(":");
      job.polls++;
      return send(
        200,
        status === "IN_QUEUE" ? { status, queue_position: Number(position ?? 0) } : { status, logs: [] },
      );
    }
    if (m[2] === "/cancel" && req.method === "PUT") {
      if (state() === "COMPLETED") return send(400, { status: "ALREADY_COMPLETED" });
      job.canceled = true;
      return send(202, { status: "CANCELLATION_REQUESTED" });
    }
    if (m[2] === undefined && req.method === "GET") {
      if (state() !== "COMPLETED") return send(400, { detail: "Request is still in progress" });
      if (job.canceled) return send(400, { detail: "Request was cancelled" });
      if (job.outcome === "ok") return send(200, { video: this.#video(m[1]) }, { "x-fal-request-id": m[1] });
      return send(job.outcome === "moderated" ? 400 : 422, { detail: this.#detail(job.outcome) });
    }
    return send(405, { detail: "Method Not Allowed" });
  }
}
