import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GatewayProvider } from "../../src/providers/gateways/client.ts";
import { aigateway, lumenfall } from "../../src/providers/gateways/dialects.ts";
import { FakeGateway } from "../fakes/gateways.ts";
import { pollToEnd, videoRequest as request, testHttpPolicy } from "../support/video-request.ts";

const fakes = { lumenfall: new FakeGateway("lumenfall"), aigateway: new FakeGateway("aigateway") };
const { policy, sleeps } = testHttpPolicy();
const clients: Record<string, GatewayProvider> = {};

beforeAll(async () => {
  await fakes.lumenfall.start();
  await fakes.aigateway.start();
  clients.lumenfall = new GatewayProvider(lumenfall, {
    apiKey: fakes.lumenfall.key,
    baseUrl: fakes.lumenfall.baseUrl,
    http: policy,
  });
  clients.aigateway = new GatewayProvider(aigateway, {
    apiKey: fakes.aigateway.key,
    baseUrl: fakes.aigateway.baseUrl,
    http: policy,
  });
});
afterAll(async () => {
  await fakes.lumenfall.stop();
  await fakes.aigateway.stop();
});

const client = (name: "lumenfall" | "aigateway"): GatewayProvider => {
  const c = clients[name];
  if (c === undefined) throw new Error("not started");
  return c;
};

describe("Lumenfall", () => {
  it("GIVEN text-to-video THEN POST /v1/videos, polled to output.url with progress", async () => {
    fakes.lumenfall.nextOutcome = "completed";
    const job = await client("lumenfall").submit(request({ seed: 9 }), { idempotencyKey: "k" });
    expect(fakes.lumenfall.bodies.get(job.id)).toEqual({
      model: "pixverse-v5.6",
      prompt: "a fox in snow",
      duration: 8,
      aspect_ratio: "9:16",
      quality: "720p",
      generate_audio_switch: true,
      seed: 9,
    });
    expect(await client("lumenfall").status(job)).toEqual({ state: "running", progress: 40 });
    expect(await client("lumenfall").status(job)).toEqual({
      state: "succeeded",
      videoUrl: `${fakes.lumenfall.baseUrl}/media/${job.id}.mp4`,
    });
  });

  it("GIVEN image-to-video THEN input_reference; v6 THEN refused (Lumenfall lists v5.6 only)", async () => {
    const job = await client("lumenfall").submit(
      request({ mode: "image-to-video", firstFrame: "https://x.test/a.png", ratio: null }),
      { idempotencyKey: "k" },
    );
    expect(fakes.lumenfall.bodies.get(job.id)).toMatchObject({ input_reference: ["https://x.test/a.png"] });
    expect(client("lumenfall").supports(request({ model: "v6" }))).toMatchObject({ ok: false });
  });

  it.each([
    ["failed", { state: "failed", code: "lumenfall_provider_error" }],
    ["moderated", { state: "moderated" }],
  ] as const)("GIVEN a %s job THEN %j", async (outcome, expected) => {
    fakes.lumenfall.nextOutcome = outcome;
    const job = await client("lumenfall").submit(request(), { idempotencyKey: "k" });
    await client("lumenfall").status(job);
    expect(await client("lumenfall").status(job)).toMatchObject(expected);
  });
});

describe("AIGateway", () => {
  it("GIVEN text-to-video THEN POST /v1/videos/generations, GET /v1/jobs/{id}, result.url with its size", async () => {
    fakes.aigateway.nextOutcome = "completed";
    const job = await client("aigateway").submit(request({ model: "v6", duration: 5, ratio: "16:9" }), {
      idempotencyKey: "k",
    });
    expect(fakes.aigateway.bodies.get(job.id)).toEqual({
      model: "pixverse/v6",
      prompt: "a fox in snow",
      duration: 5,
      aspect_ratio: "16:9",
    });
    expect(await client("aigateway").status(job)).toEqual({ state: "running" });
    expect(await client("aigateway").status(job)).toEqual({
      state: "succeeded",
      videoUrl: `${fakes.aigateway.baseUrl}/media/${job.id}.mp4`,
      durationSeconds: 5,
      width: 1920,
      height: 1080,
    });
  });

  it("GIVEN what its docs don't show THEN refused up front", () => {
    expect(
      client("aigateway").supports(
        request({ firstFrame: "https://x.test/a.png", mode: "image-to-video", ratio: null }),
      ),
    ).toMatchObject({ ok: false });
    expect(client("aigateway").supports(request({ seed: 1 }))).toMatchObject({ ok: false });
  });

  it("GIVEN 429 with Retry-After, then a 5xx THEN retried; a bad key THEN the documented error", async () => {
    sleeps.length = 0;
    fakes.aigateway.failNext("429", "500");
    await expect(client("aigateway").submit(request(), { idempotencyKey: "k" })).resolves.toMatchObject({
      provider: "aigateway",
    });
    expect(sleeps).toEqual([5000]);
    const wrong = new GatewayProvider(aigateway, {
      apiKey: "bad",
      baseUrl: fakes.aigateway.baseUrl,
      http: policy,
    });
    await expect(wrong.submit(request(), { idempotencyKey: "k" })).rejects.toThrow(
      "Invalid or missing API key",
    );
  });
});

describe("Lumenfall first and last frame", () => {
  it("GIVEN two images THEN input_reference and last_frame_image, polled through to the video", async () => {
    fakes.lumenfall.nextOutcome = "completed";
    const job = await client("lumenfall").submit(
      request({
        mode: "transition",
        firstFrame: "https://x.test/a.png",
        lastFrame: "https://x.test/b.png",
        ratio: null,
      }),
      { idempotencyKey: "k" },
    );
    expect(fakes.lumenfall.bodies.get(job.id)).toMatchObject({
      input_reference: ["https://x.test/a.png"],
      last_frame_image: "https://x.test/b.png",
    });
    expect(await pollToEnd(() => client("lumenfall").status(job))).toMatchObject({ state: "succeeded" });
  });
});
