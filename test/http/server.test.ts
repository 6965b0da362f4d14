import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProviderRouter } from "../../src/app/generation/router.ts";
import type { JobRecord } from "../../src/app/jobs/ports.ts";
import { Metrics } from "../../src/http/metrics.ts";
import { createHttpServer, listen } from "../../src/http/server.ts";
import { FalProvider } from "../../src/providers/fal/client.ts";
import { PixverseProvider } from "../../src/providers/pixverse/client.ts";
import { FakeFal } from "../fakes/fal.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { testHttpPolicy, videoRequest } from "../support/video-request.ts";

const fal = new FakeFal();
const pixverseFake = new FakePixverse();
let pixverse: PixverseProvider;
const scheduled: string[] = [];
const queue = { wake: async (jobId: string) => void scheduled.push(jobId) };
let ready = true;
let server: Server;
let base = "";
let client: FalProvider;
const metrics = new Metrics({
  jobsByState: async () => ({ running: 3, delivered: 7 }),
  queueDepth: async () => 2,
});

beforeAll(async () => {
  await fal.start();
  await pixverseFake.start();
  pixverse = new PixverseProvider({
    apiKey: pixverseFake.apiKey,
    baseUrl: pixverseFake.baseUrl,
    http: testHttpPolicy().policy,
    webhookSecret: pixverseFake.webhookSecret,
  });
  client = new FalProvider({
    apiKey: fal.apiKey,
    baseUrl: fal.baseUrl,
    jwks: { keys: async () => fal.jwks.keys },
    http: testHttpPolicy().policy,
  });
  server = createHttpServer({
    router: new ProviderRouter([client, pixverse]),
    jobs: { findByProviderJob: async (_p, id) => ({ id: `job-for-${id}` }) as JobRecord },
    queue,
    metrics,
    ready: async () => ready,
    now: () => new Date(),
  });
  base = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await fal.stop();
  await pixverseFake.stop();
});

const post = (path: string, body: Uint8Array, headers: Record<string, string>) =>
  fetch(`${base}${path}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });

describe("the HTTP server", () => {
  it("GIVEN /healthz and /readyz THEN alive, and ready only while the database and queue are", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    ready = false;
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    ready = true;
  });

  it("GIVEN /metrics THEN jobs by state, queue depth and the counters, in Prometheus text", async () => {
    metrics.deliveries.inc({ provider: "fal" });
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('framecast_jobs{state="running"} 3');
    expect(text).toContain("framecast_queue_depth 2");
    expect(text).toContain('framecast_deliveries_total{provider="fal"} 1');
    // Node's process metrics, as the README promises.
    expect(text).toContain("process_resident_memory_bytes");
    expect(text).toContain("nodejs_eventloop_lag_seconds");
  });

  it("GIVEN a signed fal webhook THEN the job's next step is woken; the same delivery again is ignored", async () => {
    const job = await client.submit(videoRequest(), { idempotencyKey: "k" });
    const { body, headers } = fal.webhookFor(job.id);
    const first = await post("/webhooks/fal", body, headers);
    expect(first.status).toBe(200);
    expect(scheduled).toEqual([`job-for-${job.id}`]);
    const again = await post("/webhooks/fal", body, headers);
    expect(await again.json()).toEqual({ ok: true, replay: true });
    expect(scheduled).toHaveLength(1);
  });

  it("GIVEN a tampered or unsigned webhook THEN 401 and nothing is woken", async () => {
    const job = await client.submit(videoRequest(), { idempotencyKey: "k" });
    const { body, headers } = fal.webhookFor(job.id, { tamper: true });
    const before = scheduled.length;
    expect((await post("/webhooks/fal", body, headers)).status).toBe(401);
    expect((await post("/webhooks/fal", body, {})).status).toBe(400);
    expect(scheduled.length).toBe(before);
  });

  it("GIVEN an unknown path or a provider without webhooks THEN 404", async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await post("/webhooks/replicate", new Uint8Array(), {})).status).toBe(404);
  });

  it("GIVEN a signed PixVerse delivery THEN `200 ok` as PixVerse expects, and the job is woken once", async () => {
    pixverseFake.nextScript = [5];
    const job = await pixverse.submit(videoRequest(), { idempotencyKey: "k" });
    const before = scheduled.length;
    const first = await pixverseFake.deliver(`${base}/webhooks/pixverse`, job.id, { nonce: "nonce-1" });
    expect(first).toEqual({ status: 200, text: "ok", accepted: true });
    expect(scheduled.slice(before)).toEqual([`job-for-${job.id}`]);
    // The same nonce again (a replay): acknowledged, nothing woken.
    const again = await pixverseFake.deliver(`${base}/webhooks/pixverse`, job.id, { nonce: "nonce-1" });
    expect(again.accepted).toBe(true);
    expect(scheduled.length).toBe(before + 1);
  });

  it.each([
    ["6 minutes old", { at: new Date(Date.now() - 360_000) }],
    ["signed with another secret", { secret: "guessed" }],
    ["tampered", { tamper: true }],
  ] as const)("GIVEN a PixVerse delivery %s THEN 401, nothing woken", async (_name, options) => {
    pixverseFake.nextScript = [5];
    const job = await pixverse.submit(videoRequest(), { idempotencyKey: "k" });
    const before = scheduled.length;
    const answer = await pixverseFake.deliver(`${base}/webhooks/pixverse`, job.id, options);
    expect(answer).toMatchObject({ status: 401, accepted: false });
    expect(scheduled.length).toBe(before);
  });
});
