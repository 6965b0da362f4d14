import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReplicateProvider } from "../../src/providers/replicate/client.ts";
import { FakeReplicate } from "../fakes/replicate.ts";
import { pollToEnd, videoRequest as request, testHttpPolicy } from "../support/video-request.ts";

const fake = new FakeReplicate();
const { policy, sleeps } = testHttpPolicy();
let client: ReplicateProvider;

beforeAll(async () => {
  await fake.start();
  client = new ReplicateProvider({
    apiToken: fake.token,
    baseUrl: fake.baseUrl,
    webhookSecret: fake.webhookSecret,
    http: policy,
  });
});
afterAll(async () => {
  await fake.stop();
});

describe("Replicate predictions", () => {
  it("GIVEN text-to-video THEN a prediction on the model's route with the documented input, polled to its output", async () => {
    fake.nextOutcome = "succeeded";
    const job = await client.submit(request({ seed: 3, negativePrompt: "blur" }), { idempotencyKey: "k" });
    expect(fake.prediction(job.id)?.model).toBe("pixverse/pixverse-v5.6");
    expect(fake.prediction(job.id)?.input).toEqual({
      prompt: "a fox in snow",
      quality: "720p",
      duration: 8,
      generate_audio_switch: true,
      thinking_type: "auto",
      motion_mode: "normal",
      aspect_ratio: "9:16",
      negative_prompt: "blur",
      seed: 3,
    });
    expect(job.urls?.status).toBe(`${fake.baseUrl}/v1/predictions/${job.id}`);
    expect(await client.status(job)).toEqual({ state: "running" });
    expect(await client.status(job)).toEqual({
      state: "succeeded",
      videoUrl: `${fake.baseUrl}/media/${job.id}.mp4`,
    });
  });

  it("GIVEN first and last frames on v6 THEN image and last_frame_image, no motion mode", async () => {
    const job = await client.submit(
      request({
        model: "v6",
        mode: "transition",
        firstFrame: "https://x.test/a.png",
        lastFrame: "https://x.test/b.png",
        ratio: null,
        duration: 12,
      }),
      { idempotencyKey: "k" },
    );
    expect(fake.prediction(job.id)?.model).toBe("pixverse/pixverse-v6");
    expect(fake.prediction(job.id)?.input).toMatchObject({
      image: "https://x.test/a.png",
      last_frame_image: "https://x.test/b.png",
      duration: 12,
    });
    expect(fake.prediction(job.id)?.input).not.toHaveProperty("motion_mode");
    expect(fake.prediction(job.id)?.input).not.toHaveProperty("aspect_ratio");
  });

  it.each([
    ["failed", { state: "failed", code: "replicate_failed" }],
    ["flagged", { state: "moderated" }],
  ] as const)("GIVEN a %s prediction THEN %j", async (outcome, expected) => {
    fake.nextOutcome = outcome;
    const job = await client.submit(request(), { idempotencyKey: "k" });
    await client.status(job);
    expect(await client.status(job)).toMatchObject(expected);
  });

  it("GIVEN cancel while it runs THEN requested and then canceled; an unknown id THEN not found", async () => {
    fake.nextOutcome = "succeeded";
    const job = await client.submit(request(), { idempotencyKey: "k" });
    expect(await client.cancel(job)).toBe("requested");
    expect(await client.status(job)).toEqual({ state: "canceled" });
    expect(await client.cancel({ provider: "replicate", id: "nosuchprediction" })).toBe("not_found");
  });

  it("GIVEN throttling and a 5xx THEN retried after Retry-After; bad input THEN a 422 that names the field", async () => {
    sleeps.length = 0;
    fake.failNext("429", "500");
    await expect(client.submit(request(), { idempotencyKey: "k" })).resolves.toMatchObject({
      provider: "replicate",
    });
    expect(sleeps).toEqual([4000]);
    const wrong = new ReplicateProvider({ apiToken: "nope", baseUrl: fake.baseUrl, http: policy });
    await expect(wrong.submit(request(), { idempotencyKey: "k" })).rejects.toMatchObject({
      httpStatus: 401,
      retryable: false,
    });
  });
});

describe("Replicate webhooks", () => {
  it("GIVEN a signed completion THEN its status", async () => {
    fake.nextOutcome = "succeeded";
    const job = await client.submit(request(), {
      idempotencyKey: "k",
      webhookUrl: "https://bot.example/webhooks/replicate",
    });
    expect(fake.prediction(job.id)?.webhook).toBe("https://bot.example/webhooks/replicate");
    const { body, headers } = fake.webhookFor(job.id);
    expect(await client.parseWebhook(body, headers, new Date())).toEqual({
      ok: true,
      jobId: job.id,
      status: { state: "succeeded", videoUrl: `${fake.baseUrl}/media/${job.id}.mp4` },
    });
  });

  it.each([
    ["a tampered body", { tamper: true }, "bad_signature"],
    ["another secret", { secret: "whsec_b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldA==" }, "bad_signature"],
    ["a stale timestamp", { at: new Date(Date.now() - 400_000) }, "stale"],
  ])("GIVEN %s THEN rejected as %s", async (_name, options, reason) => {
    const job = await client.submit(request(), { idempotencyKey: "k" });
    const { body, headers } = fake.webhookFor(job.id, options);
    expect(await client.parseWebhook(body, headers, new Date())).toEqual({ ok: false, reason });
  });
});

describe("Replicate image-to-video", () => {
  it("GIVEN an image THEN `image` and no ratio, polled through to the video", async () => {
    fake.nextOutcome = "succeeded";
    const job = await client.submit(
      request({ mode: "image-to-video", firstFrame: "https://x.test/a.png", ratio: null }),
      { idempotencyKey: "k" },
    );
    expect(fake.prediction(job.id)?.input).toMatchObject({ image: "https://x.test/a.png" });
    expect(fake.prediction(job.id)?.input).not.toHaveProperty("aspect_ratio");
    expect(await pollToEnd(() => client.status(job))).toMatchObject({ state: "succeeded" });
  });
});
