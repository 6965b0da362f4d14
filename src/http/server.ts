// The one HTTP server (PORT): provider webhooks, /healthz, /readyz and /metrics. Slack's HTTP
// mode will share it. Webhooks are verified by the provider client, checked for replays (the
// same signed delivery twice is acknowledged and ignored), and only wake the job's next step:
// the engine asks the provider itself, so a webhook can never set a job's outcome directly.

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { HttpMount } from "../app/bot.ts";
import { PROVIDER_IDS, type ProviderId } from "../app/generation/ports.ts";
import type { ProviderRouter } from "../app/generation/router.ts";
import type { JobStore } from "../app/jobs/ports.ts";
import type { Metrics } from "./metrics.ts";

export interface HttpDeps {
  readonly router: ProviderRouter;
  readonly jobs: Pick<JobStore, "findByProviderJob">;
  /** Runs a job's next step now, ahead of a poll already waiting for later. */
  readonly queue: { wake(jobId: string): Promise<void> };
  readonly metrics: Metrics;
  /** True when the database answers and the queue runs. */
  readonly ready: () => Promise<boolean>;
  readonly now: () => Date;
  readonly maxBodyBytes?: number;
  /** Other handlers on this server, each owning the paths under its prefix (Slack's /slack/). */
  readonly mounts?: readonly HttpMount[];
}

const REPLAY_WINDOW_MS = 15 * 60_000;

async function readBody(req: IncomingMessage, max: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export function createHttpServer(deps: HttpDeps): Server {
  const seen = new Map<string, number>();
  const replayed = (key: string): boolean => {
    const now = deps.now().getTime();
    for (const [k, at] of seen) if (now - at > REPLAY_WINDOW_MS) seen.delete(k);
    if (seen.has(key)) return true;
    seen.set(key, now);
    return false;
  };
  return createServer((req, res) => {
    const send = (status: number, body: string, type = "application/json"): void => {
      res.writeHead(status, { "content-type": type }).end(body);
    };
    const url = new URL(req.url ?? "/", "http://localhost");
    const mount = deps.mounts?.find((m) => url.pathname.startsWith(m.prefix));
    if (mount !== undefined) {
      mount.listener(req, res);
      return;
    }
    void (async () => {
      if (req.method === "GET" && url.pathname === "/healthz") return send(200, '{"ok":true}');
      if (req.method === "GET" && url.pathname === "/readyz") {
        const ok = await deps.ready().catch(() => false);
        return send(ok ? 200 : 503, JSON.stringify({ ok }));
      }
      if (req.method === "GET" && url.pathname === "/metrics") {
        return send(200, await deps.metrics.registry.metrics(), deps.metrics.registry.contentType);
      }
      const hook = /^\/webhooks\/([a-z]+)(?:\/([\w-]{8,128}))?$/u.exec(url.pathname);
      if (
        req.method === "POST" &&
        hook?.[1] !== undefined &&
        (PROVIDER_IDS as readonly string[]).includes(hook[1])
      ) {
        const provider = deps.router.byId(hook[1] as ProviderId);
        if (provider?.parseWebhook === undefined)
          return send(404, '{"error":"no webhooks for this provider"}');
        const body = await readBody(req, deps.maxBodyBytes ?? 1_048_576);
        if (body === undefined) return send(413, '{"error":"too large"}');
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(req.headers))
          headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
        if (hook[2] !== undefined) headers["x-framecast-webhook-token"] = hook[2];
        const result = await provider.parseWebhook(body, headers, deps.now());
        if (!result.ok)
          return send(result.reason === "malformed" ? 400 : 401, JSON.stringify({ error: result.reason }));
        // The answer the provider expects (PixVerse: `ok`, else it retries), replay or not.
        const reply = provider.webhookReply;
        const ok = (replay: boolean): void =>
          reply === undefined
            ? send(200, replay ? '{"ok":true,"replay":true}' : '{"ok":true}')
            : send(200, reply.body, reply.contentType);
        const delivery =
          result.deliveryId ?? headers["webhook-id"] ?? headers["x-fal-webhook-signature"] ?? "";
        if (replayed(`${hook[1]}:${delivery}:${result.jobId}:${result.status.state}`)) return ok(true);
        const job = await deps.jobs.findByProviderJob(hook[1], result.jobId);
        if (job !== undefined) await deps.queue.wake(job.id);
        return ok(false);
      }
      return send(404, '{"error":"not found"}');
    })().catch(() => send(500, '{"error":"internal"}'));
  });
}

export async function listen(server: Server, port: number, host = "0.0.0.0"): Promise<number> {
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return (server.address() as AddressInfo).port;
}
