import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VideoRequest } from "../../src/core/request.ts";
import { FalProvider } from "../../src/providers/fal/client.ts";
import { jwksFromUrl } from "../../src/providers/fal/webhook.ts";
import { FakeFal } from "../fakes/fal.ts";
import { testHttpPolicy, videoRequest } from "../support/video-request.ts";

const fake = new FakeFal();
const { policy, sleeps } = testHttpPolicy();
let client: FalProvider;

beforeAll(async () => {
  await fake.start();
  client = new FalProvider({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    jwks: { keys: async () => fake.jwks.keys },
    http: policy,
  });
});
afterAll(async () => {
  await fake.stop();
});

const request = videoRequest;
const submit = (r: VideoRequest, webhookUrl?: string) =>
  client.submit(r, { idempotencyKey: "job-1", ...(webhookUrl === undefined ? {} : { webhookUrl }) });

describe("fal queue", () => {
  it("GIVEN text-to-video THEN the model input on the endpoint path, Key auth, and the status URLs followed to the video", async () => {
    fake.nextScript = ["IN_QUEUE:2", "IN_PROGRESS", "COMPLETED"];
    fake.nextOutcome = "ok";
    const job = await submit(request({ style: "anime", seed: 7 }));
    expect(fake.input(job.id)).toEqual({
      prompt: "a fox in snow",
      resolution: "720p",
      duration: "8",
      generate_audio_switch: true,
      thinking_type: "auto",
      style: "anime",
      seed: 7,
      aspect_ratio: "9:16",
    });
    expect(fake.requests.at(-1)).toMatchObject({
      method: "POST",
      path: "/fal-ai/pixverse/v5.6/text-to-video",
      auth: `Key ${fake.apiKey}`,
    });
    expect(job.urls?.status).toBe(`${fake.baseUrl}/fal-ai/pixverse/requests/${job.id}/status`);
    expect(await client.status(job)).toEqual({ state: "queued", queuePosition: 2 });
    expect(await client.status(job)).toEqual({ state: "running" });
    expect(await client.status(job)).toEqual({
      state: "succeeded",
      videoUrl: `${fake.baseUrl}/media/${job.id}.mp4`,
    });
  });

  it.each([
    [
      "image-to-video",
      { mode: "image-to-video", firstFrame: "https://x.test/a.png", ratio: null, model: "v6", duration: 12 },
      "/fal-ai/pixverse/v6/image-to-video",
      { image_url: "https://x.test/a.png", duration: 12 },
    ],
    [
      "v6 first and last frame",
      {
        model: "v6",
        duration: 7,
        mode: "transition",
        firstFrame: "https://x.test/a.png",
        lastFrame: "https://x.test/b.png",
        ratio: null,
      },
      "/fal-ai/pixverse/v6/transition",
      { first_image_url: "https://x.test/a.png", end_image_url: "https://x.test/b.png", duration: 7 },
    ],
    [
      "transition",
      {
        mode: "transition",
        firstFrame: "https://x.test/a.png",
        lastFrame: "https://x.test/b.png",
        ratio: null,
      },
      "/fal-ai/pixverse/v5.6/transition",
      { first_image_url: "https://x.test/a.png", end_image_url: "https://x.test/b.png" },
    ],
  ] as const)("GIVEN %s THEN its endpoint and image fields", async (_name, over, path, fields) => {
    const job = await submit(request(over as Partial<VideoRequest>));
    expect(fake.requests.at(-1)?.path).toBe(path);
    expect(fake.input(job.id)).toMatchObject(fields);
    expect(fake.input(job.id)).not.toHaveProperty("aspect_ratio");
  });

  it("GIVEN what fal can't do THEN supports() says so and submit refuses before any call", async () => {
    const fast = request({ motion: "fast", duration: 5 });
    expect(client.supports(fast)).toEqual({
      ok: false,
      reason: "fal's PixVerse endpoints have no motion mode",
    });
    const before = fake.requests.length;
    await expect(submit(fast)).rejects.toMatchObject({ retryable: false });
    expect(fake.requests.length).toBe(before);
  });

  it.each([
    ["text-to-video", {}, { aspect_ratio: "21:9" }],
    [
      "image-to-video",
      { mode: "image-to-video", firstFrame: "https://x.test/a.png", ratio: null },
      { image_url: "https://x.test/a.png" },
    ],
    [
      "transition",
      {
        mode: "transition",
        firstFrame: "https://x.test/a.png",
        lastFrame: "https://x.test/b.png",
        ratio: null,
      },
      { first_image_url: "https://x.test/a.png", end_image_url: "https://x.test/b.png" },
    ],
  ] as const)("GIVEN C1 %s THEN fal-ai/pixverse/c1/%s, no thinking switch", async (mode, over, fields) => {
    const job = await submit(
      request({ model: "c1", duration: 12, ratio: "21:9", ...over } as Partial<VideoRequest>),
    );
    expect(fake.requests.at(-1)?.path).toBe(`/fal-ai/pixverse/c1/${mode}`);
    expect(fake.input(job.id)).toMatchObject({ ...fields, duration: 12 });
    expect(fake.input(job.id)).not.toHaveProperty("thinking_type");
  });

  it("GIVEN v6 text-to-video THEN duration is the integer fal's v6 schema declares, v5.6's stays a string", async () => {
    const v6 = await submit(request({ model: "v6", duration: 15, quality: "1080p" }));
    expect(fake.requests.at(-1)?.path).toBe("/fal-ai/pixverse/v6/text-to-video");
    expect(fake.input(v6.id)).toMatchObject({ duration: 15, resolution: "1080p" });
    const v56 = await submit(request({ duration: 10 }));
    expect(fake.input(v56.id)).toMatchObject({ duration: "10" });
  });

  it.each([
    ["invalid", { state: "failed", code: "fal_http_422", retryable: false }],
    ["moderated", { state: "moderated" }],
  ] as const)(
    "GIVEN a %s outcome THEN COMPLETED, and the result's detail gives %j",
    async (outcome, expected) => {
      fake.nextScript = ["COMPLETED"];
      fake.nextOutcome = outcome;
      const job = await submit(request());
      expect(await client.status(job)).toMatchObject(expected);
    },
  );

  it("GIVEN cancel while queued THEN requested, then canceled; cancel after completion THEN already done", async () => {
    fake.nextScript = ["IN_QUEUE:5"];
    fake.nextOutcome = "ok";
    const job = await submit(request());
    expect(await client.cancel(job)).toBe("requested");
    expect(await client.status(job)).toEqual({ state: "canceled" });
    fake.nextScript = ["COMPLETED"];
    const done = await submit(request());
    expect(await client.cancel(done)).toBe("already_done");
  });

  it("GIVEN 429 with Retry-After and a 5xx THEN retried, waiting as told", async () => {
    sleeps.length = 0;
    fake.failNext("429", "500");
    await expect(submit(request())).resolves.toMatchObject({ provider: "fal" });
    expect(sleeps).toEqual([3000]);
  });

  it("GIVEN a bad key or malformed JSON THEN a clear, non-retryable error", async () => {
    const wrong = new FalProvider({
      apiKey: "bad",
      baseUrl: fake.baseUrl,
      jwks: { keys: async () => [] },
      http: policy,
    });
    await expect(wrong.submit(request(), { idempotencyKey: "k" })).rejects.toMatchObject({
      httpStatus: 401,
      retryable: false,
    });
    fake.failNext("malformed");
    await expect(submit(request())).rejects.toThrow("unexpected answer");
  });
});

describe("fal webhooks", () => {
  it("GIVEN a webhook URL THEN it is passed as fal_webhook; a signed success parses to the video", async () => {
    fake.nextOutcome = "ok";
    const job = await submit(request(), "https://bot.example/webhooks/fal");
    expect(fake.webhookUrl(job.id)).toBe("https://bot.example/webhooks/fal");
    const { body, headers } = fake.webhookFor(job.id);
    expect(await client.parseWebhook(body, headers, new Date())).toEqual({
      ok: true,
      jobId: job.id,
      status: { state: "succeeded", videoUrl: `${fake.baseUrl}/media/${job.id}.mp4` },
    });
  });

  it("GIVEN a failure webhook THEN the failure", async () => {
    fake.nextOutcome = "invalid";
    const job = await submit(request());
    const { body, headers } = fake.webhookFor(job.id);
    expect(await client.parseWebhook(body, headers, new Date())).toMatchObject({
      ok: true,
      status: { state: "failed" },
    });
  });

  it.each([
    ["a tampered body", { tamper: true }, new Date(), "bad_signature"],
    ["another key", { signWith: "other-key" as const }, new Date(), "bad_signature"],
    ["a stale timestamp", { at: new Date(Date.now() - 301_000) }, new Date(), "stale"],
  ])("GIVEN %s THEN rejected as %s", async (_name, options, now, reason) => {
    fake.nextOutcome = "ok";
    const job = await submit(request());
    const { body, headers } = fake.webhookFor(job.id, options);
    expect(await client.parseWebhook(body, headers, now)).toEqual({ ok: false, reason });
  });

  it("GIVEN missing headers THEN malformed", async () => {
    expect(await client.parseWebhook(new Uint8Array(), {}, new Date())).toEqual({
      ok: false,
      reason: "malformed",
    });
  });

  it("GIVEN a JWKS URL THEN only Ed25519 keys are kept, and cached", async () => {
    let reads = 0;
    const keys = jwksFromUrl("https://fal.example/jwks", 60_000, async () => {
      reads++;
      return { keys: [...fake.jwks.keys, { kty: "RSA", n: "x", e: "AQAB" }] };
    });
    expect(await keys.keys()).toHaveLength(1);
    await keys.keys();
    expect(reads).toBe(1);
  });
});
