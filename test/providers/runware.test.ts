import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frameSize } from "../../src/core/frame-size.ts";
import { RunwareProvider } from "../../src/providers/runware/client.ts";
import { taskUuid } from "../../src/providers/runware/input.ts";
import { FakeRunware } from "../fakes/runware.ts";
import { pollToEnd, videoRequest as request, testHttpPolicy } from "../support/video-request.ts";

const fake = new FakeRunware();
const { policy, sleeps } = testHttpPolicy();
let client: RunwareProvider;

beforeAll(async () => {
  await fake.start();
  client = new RunwareProvider({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    webhookToken: "tok-123",
    http: policy,
  });
});
afterAll(async () => {
  await fake.stop();
});

describe("Runware", () => {
  it("GIVEN text-to-video THEN one async videoInference task with a UUID v4 taskUUID, polled with getResponse", async () => {
    fake.nextOutcome = "success";
    const job = await client.submit(request({ style: "clay", negativePrompt: "blur" }), {
      idempotencyKey: "job-42",
    });
    expect(job.id).toBe(taskUuid("job-42"));
    expect(fake.task(job.id)).toEqual({
      taskType: "videoInference",
      taskUUID: job.id,
      model: "pixverse:1@7",
      positivePrompt: "a fox in snow",
      negativePrompt: "blur",
      width: 720,
      height: 1280,
      duration: 8,
      providerSettings: { pixverse: { audio: true, thinking: "auto", style: "clay" } },
      outputType: "URL",
      outputFormat: "MP4",
      deliveryMethod: "async",
      includeCost: true,
    });
    expect(await client.status(job)).toEqual({ state: "running" });
    expect(await client.status(job)).toEqual({
      state: "succeeded",
      videoUrl: `${fake.baseUrl}/media/${job.id}.mp4`,
      seed: 61861179,
    });
  });

  it("GIVEN the same job submitted twice (a restart) THEN the same task, not a second one", async () => {
    const a = await client.submit(request(), { idempotencyKey: "job-restarted" });
    const b = await client.submit(request(), { idempotencyKey: "job-restarted" });
    expect(a.id).toBe(b.id);
    expect(fake.submissions.filter((u) => u === a.id)).toHaveLength(2);
  });

  it("GIVEN first and last frames THEN frameImages with positions and the resolution preset", async () => {
    const job = await client.submit(
      request({
        mode: "transition",
        firstFrame: "https://x.test/a.png",
        lastFrame: "https://x.test/b.png",
        ratio: null,
        quality: "540p",
      }),
      { idempotencyKey: "job-frames" },
    );
    expect(fake.task(job.id)).toMatchObject({
      resolution: "540p",
      inputs: {
        frameImages: [
          { image: "https://x.test/a.png", frame: "first" },
          { image: "https://x.test/b.png", frame: "last" },
        ],
      },
    });
    expect(fake.task(job.id)).not.toHaveProperty("width");
  });

  it("GIVEN v6 with no configuration THEN Runware's documented AIR id pixverse:1@8 and its settings object", async () => {
    expect(client.supports(request({ model: "v6" }))).toEqual({ ok: true });
    const job = await client.submit(request({ model: "v6", duration: 12, ratio: "21:9", audio: false }), {
      idempotencyKey: "job-v6",
    });
    expect(fake.task(job.id)).toMatchObject({
      model: "pixverse:1@8",
      duration: 12,
      width: 1680,
      height: 720,
      settings: { audio: false },
    });
    expect(fake.task(job.id)).not.toHaveProperty("providerSettings");
  });

  it("GIVEN RUNWARE_MODEL_V6 THEN it still names the v6 model", async () => {
    const overridden = new RunwareProvider({
      apiKey: fake.apiKey,
      baseUrl: fake.baseUrl,
      models: { v6: "pixverse:1@7" },
      http: policy,
    });
    const job = await overridden.submit(request({ model: "v6", duration: 8 }), {
      idempotencyKey: "job-v6-own",
    });
    expect(fake.task(job.id)?.model).toBe("pixverse:1@7");
  });

  it("GIVEN fast motion, a thinking switch on v6, or C1 THEN refused before submitting", () => {
    expect(client.supports(request({ model: "c1", duration: 5 }))).toEqual({
      ok: false,
      reason: "Runware doesn't offer PixVerse C1",
    });
    expect(client.supports(request({ motion: "fast", duration: 5 }))).toMatchObject({ ok: false });
    expect(client.supports(request({ model: "v6", thinking: "enabled" }))).toEqual({
      ok: false,
      reason: "Runware's documented PixVerse v6 settings have no thinking switch",
    });
  });

  it.each([
    ["error", { state: "failed", code: "runware_error" }],
    ["nsfw", { state: "moderated" }],
  ] as const)("GIVEN a task ending in %s THEN %j", async (outcome, expected) => {
    fake.nextOutcome = outcome;
    const job = await client.submit(request(), { idempotencyKey: `job-${outcome}` });
    await client.status(job);
    expect(await client.status(job)).toMatchObject(expected);
  });

  it("GIVEN an unknown task THEN failed with Runware's code; throttling THEN retried after Retry-After", async () => {
    expect(
      await client.status({ provider: "runware", id: "00000000-0000-4000-8000-000000000000" }),
    ).toMatchObject({
      state: "failed",
      code: "runware_taskNotFound",
    });
    sleeps.length = 0;
    fake.failNext("429", "500");
    await expect(client.submit(request(), { idempotencyKey: "job-retry" })).resolves.toMatchObject({
      provider: "runware",
    });
    expect(sleeps).toEqual([1000]);
  });

  it("GIVEN several videos checked at once THEN one request of getResponse tasks, each answered by its own", async () => {
    const submit = async (outcome: "success" | "nsfw", key: string) => {
      fake.nextOutcome = outcome;
      const job = await client.submit(request(), { idempotencyKey: key });
      return job;
    };
    const done = await submit("success", "batch-done");
    const rejected = await submit("nsfw", "batch-nsfw");
    const young = await submit("success", "batch-young");
    await Promise.all([client.status(done), client.status(rejected)]);
    const before = fake.requests.length;
    const unknown = { provider: "runware" as const, id: "00000000-0000-4000-8000-0000000000aa" };
    fake.failNext("500");
    const statuses = await Promise.all([done, rejected, young, unknown, done].map((j) => client.status(j)));
    expect(statuses).toMatchObject([
      { state: "succeeded", videoUrl: `${fake.baseUrl}/media/${done.id}.mp4` },
      { state: "moderated" },
      { state: "running" },
      { state: "failed", code: "runware_taskNotFound" },
      { state: "succeeded" },
    ]);
    // The 500 answered the first try (the fake counts only requests it served); the retry carried
    // the same four tasks (`done`, asked twice, once).
    expect(fake.requests.slice(before)).toEqual([4]);
  });

  it("GIVEN more checks than a batch holds THEN full batches go at once", async () => {
    const batched = new RunwareProvider({
      apiKey: fake.apiKey,
      baseUrl: fake.baseUrl,
      http: policy,
      statusBatch: { maxTasks: 3, windowMs: 60_000 },
    });
    const before = fake.requests.length;
    const ids = Array.from({ length: 6 }, (_, i) => ({
      provider: "runware" as const,
      id: `00000000-0000-4000-8000-00000000010${i}`,
    }));
    const statuses = await Promise.all(ids.map((j) => batched.status(j)));
    expect(statuses.map((s) => s.state)).toEqual(Array(6).fill("failed"));
    expect(fake.requests.slice(before)).toEqual([3, 3]);
  });

  it("GIVEN webhooks THEN accepted only with our URL token", async () => {
    fake.nextOutcome = "success";
    const job = await client.submit(request(), {
      idempotencyKey: "job-hook",
      webhookUrl: "https://bot.example/webhooks/runware/tok-123",
    });
    expect(fake.task(job.id)?.webhookURL).toBe("https://bot.example/webhooks/runware/tok-123");
    const body = fake.webhookFor(job.id);
    expect(
      await client.parseWebhook(body, { "x-framecast-webhook-token": "tok-123" }, new Date()),
    ).toMatchObject({
      ok: true,
      jobId: job.id,
      status: { state: "succeeded" },
    });
    expect(await client.parseWebhook(body, { "x-framecast-webhook-token": "guess" }, new Date())).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(await client.parseWebhook(body, {}, new Date())).toEqual({ ok: false, reason: "bad_signature" });
  });
});

describe("Runware sizes and task ids", () => {
  it.each([
    ["16:9", "720p", 1280, 720],
    ["9:16", "1080p", 1080, 1920],
    ["1:1", "540p", 540, 540],
    ["21:9", "720p", 1680, 720],
    ["3:4", "360p", 360, 480],
  ] as const)("GIVEN %s at %s THEN %ix%i", (ratio, quality, width, height) => {
    expect(frameSize(ratio, quality)).toEqual({ width, height });
  });

  it("GIVEN any key THEN a stable UUID v4; a UUID v4 key is used as it is", () => {
    expect(taskUuid("job-1")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u,
    );
    expect(taskUuid("job-1")).toBe(taskUuid("job-1"));
    expect(taskUuid("E037301C-ED0E-4C85-BC3E-C6A97E4F1B1D")).toBe("e037301c-ed0e-4c85-bc3e-c6a97e4f1b1d");
  });
});

describe("Runware image-to-video", () => {
  it("GIVEN one image THEN a first-frame frameImages entry, polled through to the video", async () => {
    fake.nextOutcome = "success";
    const job = await client.submit(
      request({ mode: "image-to-video", firstFrame: "https://x.test/a.png", ratio: null }),
      { idempotencyKey: "job-i2v" },
    );
    expect(fake.task(job.id)?.inputs).toEqual({
      frameImages: [{ image: "https://x.test/a.png", frame: "first" }],
    });
    expect(await pollToEnd(() => client.status(job))).toMatchObject({ state: "succeeded" });
  });
});
