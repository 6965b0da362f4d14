import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Metrics } from "../../src/http/metrics.ts";
import { createHttpServer, listen } from "../../src/http/server.ts";
import { PixverseProvider } from "../../src/providers/pixverse/client.ts";
import { BossJobQueue } from "../../src/queue/jobs-queue.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { textEvent } from "../support/conversation.ts";
import { useTestDatabase } from "../support/database.ts";
import { startTestEngine, type TestEngine } from "../support/engine.ts";
import { handler } from "../support/handler.ts";
import { instantPreview } from "../support/preview.ts";
import { testHttpPolicy } from "../support/video-request.ts";

// PixVerse's webhook wakes a job the moment its video is ready; polling stays a 60 s backstop, and
// the webhook never decides the outcome: the engine asks PixVerse.

const database = useTestDatabase();
const { previewDir } = instantPreview("e2e-pixverse-webhook");
const fake = new FakePixverse();
let engine: TestEngine;
let server: Server;
let base = "";

beforeAll(async () => {
  await fake.start();
  server = createHttpServer({
    router: { byId: (id: string) => engine.deps.jobs?.router.byId(id as "pixverse") } as never,
    jobs: { findByProviderJob: (p, id) => engine.store.findByProviderJob(p, id) },
    queue: { wake: (jobId) => new BossJobQueue(engine.boss).wake(jobId) },
    metrics: new Metrics({ jobsByState: async () => ({}), queueDepth: async () => 0 }),
    ready: async () => true,
    now: () => new Date(),
  });
  base = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
  const pixverse = new PixverseProvider({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    http: testHttpPolicy().policy,
    webhookSecret: fake.webhookSecret,
  });
  engine = await startTestEngine(database(), [pixverse], {
    previewDir,
    mediaHosts: [new URL(fake.baseUrl).host],
    publicUrl: base,
  });
}, 60_000);
afterAll(async () => {
  await engine?.stop();
  await new Promise<void>((done) => server?.close(() => done()));
  await fake.stop();
});

/** Resolves at PixVerse's next status poll. */
const nextPoll = () =>
  new Promise<void>((resolve) => {
    const seen = (path: string) => {
      if (!path.startsWith("/openapi/v2/video/result/")) return;
      fake.off("request", seen);
      resolve();
    };
    fake.on("request", seen);
  });

describe("PixVerse webhooks, end to end", () => {
  it("GIVEN a job polled once and waiting on the 60 s backstop THEN PixVerse's delivery wakes it and it is delivered", async () => {
    fake.nextScript = [5];
    const polled = nextPoll();
    await handler(engine.deps, engine.chat)(textEvent("/video a fox in snow --dur 5 --q 360p"));
    const jobId = engine.lastJob();
    await polled; // generating: the next poll is a minute away
    const job = await engine.store.get(jobId);
    const videoId = job?.provider?.id ?? "";
    fake.finish(1);
    const polls = () => fake.requests.filter((r) => r.path === `/openapi/v2/video/result/${videoId}`).length;
    expect(polls()).toBe(1);
    const answer = await fake.deliver(`${base}/webhooks/pixverse`, videoId);
    expect(answer).toEqual({ status: 200, text: "ok", accepted: true });
    const done = await engine.finished(jobId);
    expect(done.state).toBe("delivered");
    // Woken by the delivery, the engine asked PixVerse itself before delivering.
    expect(polls()).toBe(2);
  }, 30_000);
});
