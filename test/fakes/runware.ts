// A loopback fake of Runware's task API (reference/providers.md §4, §10): one POST /v1 taking a
// JSON array; Bearer auth; videoInference with a client-chosen UUID v4 taskUUID (a repeat is the
// same task); getResponse going processing → success (videoURL) or an `errors` entry; invalid
// parameters named in `errors`; webhooks (unsigned) of the same item; a real MP4; 429 and 5xx.

import { readFileSync } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { z } from "zod";
import { closeServer, listenLoopback } from "./loopback.ts";

const MP4 = readFileSync(new URL("../fixtures/tiny.mp4", import.meta.url));
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u;

const frame = z
  .object({ image: z.string().min(1), frame: z.enum(["first", "last", "0", "-1"]).optional() })
  .strict();
// PixVerse v5.6 (pixverse:1@7) takes its switches in providerSettings.pixverse
// (seeds/runware-pixverse-v5.6.md); v6 (pixverse:1@8, runware.ai/docs/models/pixverse-v6) in a
// top-level `settings` object (its multi-shot guide: "flip settings.multiClip on"; public clients
// send settings.audio [S]). Each model refuses the other's object.
const providerSettings = z
  .object({
    pixverse: z
      .object({
        audio: z.boolean().optional(),
        style: z.enum(["anime", "3d_animation", "clay", "comic", "cyberpunk"]).optional(),
        thinking: z.enum(["enabled", "disabled", "auto"]).optional(),
      })
      .strict(),
  })
  .strict();
const v6Settings = z.object({ audio: z.boolean().optional(), multiClip: z.boolean().optional() }).strict();
const videoInference = z
  .object({
    taskType: z.literal("videoInference"),
    taskUUID: z.string().regex(UUID4),
    model: z.enum(["pixverse:1@7", "pixverse:1@8"]),
    positivePrompt: z.string().min(1).max(2048),
    negativePrompt: z.string().min(1).max(2048).optional(),
    width: z.number().int().positive().optional(),
    height: z.number().int().positive().optional(),
    resolution: z.enum(["360p", "540p", "720p", "1080p"]).optional(),
    duration: z.number().positive(),
    seed: z.number().int().min(0).max(2147483647).optional(),
    inputs: z
      .object({
        frameImages: z
          .array(z.union([z.string(), frame]))
          .min(1)
          .max(2),
      })
      .strict()
      .optional(),
    providerSettings: providerSettings.optional(),
    settings: v6Settings.optional(),
    outputType: z.literal("URL").optional(),
    outputFormat: z.enum(["MP4", "WEBM", "MOV"]).optional(),
    outputQuality: z.number().int().min(20).max(99).optional(),
    deliveryMethod: z.literal("async"),
    includeCost: z.boolean().optional(),
    webhookURL: z.url().optional(),
  })
  .strict()
  .refine((t) => (t.model === "pixverse:1@8" ? t.providerSettings === undefined : t.settings === undefined), {
    message: "providerSettings is for pixverse:1@7, settings for pixverse:1@8",
    path: ["settings"],
  });
const getResponse = z.object({ taskType: z.literal("getResponse"), taskUUID: z.string() }).strict();

export type RunwareOutcome = "success" | "error" | "nsfw";

interface Task {
  readonly body: z.infer<typeof videoInference>;
  readonly outcome: RunwareOutcome;
  polls: number;
}

export class FakeRunware {
  readonly apiKey = "rw-test-key";
  nextOutcome: RunwareOutcome = "success";
  readonly submissions: string[] = [];
  /** How many tasks each POST /v1 carried, in order. */
  readonly requests: number[] = [];
  readonly #tasks = new Map<string, Task>();
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

  task(uuid: string): z.infer<typeof videoInference> | undefined {
    return this.#tasks.get(uuid)?.body;
  }

  /** The item Runware posts to the task's webhookURL when it completes. */
  webhookFor(uuid: string): Uint8Array {
    const task = this.#tasks.get(uuid);
    if (task === undefined) throw new Error(`no task ${uuid}`);
    return new Uint8Array(Buffer.from(JSON.stringify(this.#item(uuid, "success"))));
  }

  #item(uuid: string, status: string): Record<string, unknown> {
    return status === "success"
      ? {
          taskType: "videoInference",
          taskUUID: uuid,
          status,
          videoUUID: `v-${uuid}`,
          videoURL: `${this.baseUrl}/media/${uuid}.mp4`,
          seed: 61861179,
          cost: 0.3978,
        }
      : { taskType: "videoInference", taskUUID: uuid, status };
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const send = (status: number, json: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(json));
    };
    if ((req.url ?? "").startsWith("/media/")) {
      res.writeHead(200, { "content-type": "video/mp4" }).end(MP4);
      return;
    }
    const failure = this.#failures.shift();
    if (failure === "429")
      return send(
        429,
        { errors: [{ code: "rateLimitExceeded", message: "Too many requests" }] },
        { "retry-after": "1" },
      );
    if (failure === "500")
      return send(500, { errors: [{ code: "internalError", message: "Internal error" }] });
    if (req.method !== "POST" || req.url !== "/v1")
      return send(404, { errors: [{ code: "notFound", message: "Not found" }] });
    if (req.headers.authorization !== `Bearer ${this.apiKey}`)
      return send(401, { errors: [{ code: "invalidApiKey", message: "Invalid API key" }] });
    let tasks: unknown;
    try {
      tasks = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(400, { errors: [{ code: "invalidJSON", message: "Body is not JSON" }] });
    }
    if (!Array.isArray(tasks))
      return send(400, {
        errors: [{ code: "invalidPayload", message: "The body must be an array of tasks" }],
      });
    this.requests.push(tasks.length);
    const data: unknown[] = [];
    const errors: unknown[] = [];
    for (const raw of tasks) {
      const inference = videoInference.safeParse(raw);
      if (inference.success) {
        const uuid = inference.data.taskUUID;
        this.submissions.push(uuid);
        if (!this.#tasks.has(uuid))
          this.#tasks.set(uuid, { body: inference.data, outcome: this.nextOutcome, polls: 0 });
        data.push({ taskType: "videoInference", taskUUID: uuid });
        continue;
      }
      const poll = getResponse.safeParse(raw);
      if (poll.success) {
        const task = this.#tasks.get(poll.data.taskUUID);
        if (task === undefined) {
          errors.push({
            code: "taskNotFound",
            message: "No task with this UUID",
            taskType: "getResponse",
            taskUUID: poll.data.taskUUID,
          });
          continue;
        }
        task.polls++;
        if (task.polls < 2) data.push(this.#item(poll.data.taskUUID, "processing"));
        else if (task.outcome === "success") data.push(this.#item(poll.data.taskUUID, "success"));
        else if (task.outcome === "nsfw")
          errors.push({
            code: "contentModeration",
            message: "NSFW content detected in the output",
            taskUUID: poll.data.taskUUID,
          });
        else data.push(this.#item(poll.data.taskUUID, "error"));
        continue;
      }
      const issue = inference.error.issues[0];
      errors.push({
        code: "invalidParameter",
        message: issue?.message ?? "invalid task",
        parameter: issue?.path.join(".") ?? "",
        taskType: "videoInference",
      });
    }
    send(errors.length > 0 && data.length === 0 ? 400 : 200, errors.length > 0 ? { data, errors } : { data });
  }
}
