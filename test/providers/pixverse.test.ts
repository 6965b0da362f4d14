import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VideoRequest } from "../../src/core/request.ts";
import { ProviderError } from "../../src/providers/errors.ts";
import { parseJsonExact } from "../../src/providers/json.ts";
import { PixverseProvider } from "../../src/providers/pixverse/client.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { testHttpPolicy, videoRequest } from "../support/video-request.ts";

const fake = new FakePixverse();
const { policy, sleeps } = testHttpPolicy();
let client: PixverseProvider;

beforeAll(async () => {
  await fake.start();
  client = new PixverseProvider({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, http: policy });
});
afterAll(async () => {
  await fake.stop();
});

const request = videoRequest;
const submit = (r: VideoRequest) => client.submit(r, { idempotencyKey: "job-1" });

describe("PixVerse platform API", () => {
  it("GIVEN text-to-video THEN the documented fields, an int64 id kept exact, and polls through to the video", async () => {
    fake.nextScript = [5, 5, 1];
    const job = await submit(request({ negativePrompt: "blur", seed: 42 }));
    expect(job.provider).toBe("pixverse");
    expect(BigInt(job.id)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(fake.job(job.id)).toEqual({
      prompt: "a fox in snow",
      model: "v5.6",
      duration: 8,
      quality: "720p",
      aspect_ratio: "9:16",
      generate_audio_switch: true,
      thinking_type: "auto",
      negative_prompt: "blur",
      seed: 42,
      motion_mode: "normal",
    });
    expect(await client.status(job)).toEqual({ state: "running" });
    expect(await client.status(job)).toEqual({ state: "running" });
    const done = await client.status(job);
    expect(done).toMatchObject({ state: "succeeded", width: 1280, height: 720, seed: 42 });
    const video = await fetch(done.state === "succeeded" ? done.videoUrl : "");
    expect(video.headers.get("content-type")).toBe("video/mp4");
    expect((await video.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it("GIVEN C1 THEN model c1 with v6's durations and ratios, and no thinking or motion field", async () => {
    fake.nextScript = [1];
    const job = await submit(request({ model: "c1", duration: 13, ratio: "2:3" }));
    expect(fake.job(job.id)).toEqual({
      prompt: "a fox in snow",
      model: "c1",
      duration: 13,
      quality: "720p",
      aspect_ratio: "2:3",
      generate_audio_switch: true,
    });
  });

  it("GIVEN every call THEN API-KEY and a fresh UUID Ai-trace-id", () => {
    const api = fake.requests.filter((r) => r.path.startsWith("/openapi/"));
    expect(api.length).toBeGreaterThan(3);
    expect(api.every((r) => r.headers["api-key"] === fake.apiKey)).toBe(true);
    const traces = api.map((r) => r.headers["ai-trace-id"]);
    expect(new Set(traces).size).toBe(traces.length);
  });

  it("GIVEN image-to-video THEN the image is uploaded first and its id sent as an integer, without a ratio", async () => {
    const before = fake.requests.length;
    const job = await submit(
      request({
        mode: "image-to-video",
        firstFrame: "https://cdn.discordapp.com/a/fox.png",
        ratio: null,
        model: "v6",
        duration: 5,
      }),
    );
    const calls = fake.requests.slice(before).map((r) => r.path);
    expect(calls).toEqual(["/openapi/v2/image/upload", "/openapi/v2/video/img/generate"]);
    expect(fake.requests[before]?.body).toContain('name="image_url"');
    expect(fake.requests[before + 1]?.body).toMatch(/"img_id":\d{16,}/u);
    expect(fake.job(job.id)).not.toHaveProperty("aspect_ratio");
    expect(fake.job(job.id)).not.toHaveProperty("motion_mode"); // v6 has no motion mode
  });

  it("GIVEN the bot fetches images itself THEN their bytes are uploaded as the image file (no URL handed over)", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    const fetched: string[] = [];
    const fetching = new PixverseProvider({
      apiKey: fake.apiKey,
      baseUrl: fake.baseUrl,
      http: policy,
      fetchImage: (url) => {
        fetched.push(url);
        return Promise.resolve({ bytes: png, mimeType: "image/png" });
      },
    });
    const first = "https://cdn.discordapp.com/ephemeral-attachments/1/2/fox.png?ex=1&is=2&hm=3";
    const job = await fetching.submit(
      request({ mode: "image-to-video", firstFrame: first, ratio: null, model: "v6", duration: 5 }),
      { idempotencyKey: "job-bytes" },
    );
    expect(fetched).toEqual([first]);
    const uploaded = fake.image(fake.job(job.id)?.img_id);
    expect(uploaded?.url).toBeUndefined();
    expect(uploaded?.type).toBe("image/png");
    expect(uploaded?.bytes?.equals(png)).toBe(true);
  });

  it("GIVEN the image can't be fetched THEN submit fails with that reason and nothing is generated", async () => {
    const refusing = new PixverseProvider({
      apiKey: fake.apiKey,
      baseUrl: fake.baseUrl,
      http: policy,
      fetchImage: () => Promise.reject(new Error("framecast doesn't fetch media from evil.test.")),
    });
    const before = fake.requests.length;
    await expect(
      refusing.submit(
        request({ mode: "image-to-video", firstFrame: "https://evil.test/a.png", ratio: null }),
        {
          idempotencyKey: "job-evil",
        },
      ),
    ).rejects.toThrow(/evil\.test/u);
    expect(fake.requests.length).toBe(before);
  });

  it("GIVEN first and last frames THEN two uploads and the transition endpoint", async () => {
    const job = await submit(
      request({
        mode: "transition",
        firstFrame: "https://x.test/a.png",
        lastFrame: "https://x.test/b.png",
        ratio: null,
      }),
    );
    const body = fake.job(job.id);
    expect(body).toHaveProperty("first_frame_img");
    expect(body).toHaveProperty("last_frame_img");
    expect(body?.first_frame_img).not.toBe(body?.last_frame_img);
  });

  it.each([
    [[7], { state: "moderated" }],
    [[5, 8], { state: "failed", code: "pixverse_failed", retryable: true }],
    [[6], { state: "failed", code: "pixverse_deleted", retryable: false }],
  ])("GIVEN statuses %j THEN %j", async (script, expected) => {
    fake.nextScript = script;
    const job = await submit(request());
    let status = await client.status(job);
    if (script.length > 1) status = await client.status(job);
    expect(status).toMatchObject(expected);
  });

  it("GIVEN a poll for a video PixVerse doesn't know THEN failed with its ErrCode", async () => {
    expect(await client.status({ provider: "pixverse", id: "12345" })).toMatchObject({
      state: "failed",
      code: "pixverse_500030",
    });
  });
});

describe("PixVerse failures", () => {
  it("GIVEN 429 with Retry-After THEN waits as told and retries", async () => {
    sleeps.length = 0;
    fake.nextScript = [1];
    fake.failNext("429");
    const job = await submit(request());
    expect(sleeps).toEqual([2000]);
    expect(job.id).toMatch(/^\d+$/u);
  });

  it("GIVEN 5xx twice THEN retried; three times THEN a retryable error", async () => {
    fake.failNext("500", "500");
    await expect(submit(request())).resolves.toMatchObject({ provider: "pixverse" });
    fake.failNext("500", "500", "500");
    const error = await submit(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ httpStatus: 500, retryable: true });
  });

  it("GIVEN a wrong key THEN a non-retryable error naming PixVerse's code, and the key is not in it", async () => {
    const wrong = new PixverseProvider({ apiKey: "nope-secret", baseUrl: fake.baseUrl, http: policy });
    const error = await wrong.submit(request(), { idempotencyKey: "k" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: false, providerCode: "10002" });
    expect(String((error as Error).message)).not.toContain("nope-secret");
  });

  it("GIVEN malformed JSON THEN an unexpected-answer error, not a crash", async () => {
    fake.failNext("malformed");
    await expect(submit(request())).rejects.toThrow("unexpected answer");
  });

  it("GIVEN an upload moderation rejection (HTTP 500, lower-case body) THEN a moderated error, not retried", async () => {
    fake.failNext("moderated-upload");
    const error = await submit(
      request({ mode: "image-to-video", firstFrame: "https://x.test/a.png", ratio: null }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ moderated: true, retryable: false, providerCode: "500052" });
  });

  it("GIVEN no answer THEN the per-request timeout turns it into a retryable error", async () => {
    const impatient = new PixverseProvider({
      apiKey: fake.apiKey,
      baseUrl: fake.baseUrl,
      http: { ...policy, timeoutMs: 100, retries: 0 },
    });
    fake.failNext("hang");
    await expect(impatient.submit(request(), { idempotencyKey: "k" })).rejects.toMatchObject({
      retryable: true,
      message: expect.stringContaining("no answer within 100 ms"),
    });
  });
});

describe("exact JSON", () => {
  it("GIVEN integers beyond 2^53 THEN they come back as exact strings; others unchanged", () => {
    expect(parseJsonExact('{"a":9007199254740993,"b":12,"c":1.5,"d":[18446744073709551615]}')).toEqual({
      a: "9007199254740993",
      b: 12,
      c: 1.5,
      d: ["18446744073709551615"],
    });
  });
});
