import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudflareProvider } from "../../src/providers/cloudflare/client.ts";
import { FakeCloudflare } from "../fakes/cloudflare.ts";
import { videoRequest as request, testHttpPolicy } from "../support/video-request.ts";

const fake = new FakeCloudflare();
const { policy } = testHttpPolicy();
// The fake checks only that image_input is a base64 data URI, so any bytes stand in for a picture.
const PNG = readFileSync(new URL("../fixtures/tiny.mp4", import.meta.url)).subarray(0, 64);
let client: CloudflareProvider;

const make = () =>
  new CloudflareProvider({
    accountId: fake.accountId,
    apiToken: fake.token,
    baseUrl: fake.baseUrl,
    fetchImage: async () => ({ bytes: PNG, mimeType: "image/png" }),
    http: policy,
  });

beforeAll(async () => {
  await fake.start();
  client = make();
});
afterAll(async () => {
  await fake.stop();
});

describe("Cloudflare Workers AI", () => {
  it("GIVEN a request THEN one long call with {model, input}, running until Cloudflare answers, then the video", async () => {
    const job = await client.submit(request({ seed: 12345, negativePrompt: "blurry" }), {
      idempotencyKey: "k",
    });
    await fake.nextHeld();
    expect(fake.bodies.at(-1)).toEqual({
      model: "pixverse/v5.6",
      input: {
        prompt: "a fox in snow",
        duration: 8,
        aspect_ratio: "9:16",
        quality: "720p",
        generate_audio: true,
        negative_prompt: "blurry",
        seed: 12345,
        motion_mode: "normal",
      },
    });
    expect(await client.status(job)).toEqual({ state: "running" });
    fake.finish("video");
    expect(await client.settled(job)).toEqual({
      state: "succeeded",
      videoUrl: `${fake.baseUrl}/media/out.mp4`,
    });
    expect(await client.status(job)).toEqual({
      state: "succeeded",
      videoUrl: `${fake.baseUrl}/media/out.mp4`,
    });
  });

  it("GIVEN image-to-video on v6 THEN the image as a base64 data URI, no motion mode", async () => {
    const job = await client.submit(
      request({
        model: "v6",
        mode: "image-to-video",
        firstFrame: "https://cdn.discordapp.com/a.png",
        ratio: null,
        duration: 3,
      }),
      {
        idempotencyKey: "k",
      },
    );
    await fake.nextHeld();
    const body = fake.bodies.at(-1) as { input: Record<string, unknown> };
    expect(body.input.image_input).toBe(`data:image/png;base64,${PNG.toString("base64")}`);
    expect(body.input).not.toHaveProperty("motion_mode");
    fake.finish("video");
    await client.settled(job);
  });

  it.each([
    ["error", { state: "failed", code: "cloudflare_http_500", retryable: true }],
    ["nsfw", { state: "moderated" }],
    ["drop", { state: "failed", code: "cloudflare_request_failed", retryable: false }],
  ] as const)("GIVEN the request ends in %s THEN %j (never resent)", async (ending, expected) => {
    const before = fake.bodies.length;
    const job = await client.submit(request(), { idempotencyKey: "k" });
    await fake.nextHeld();
    fake.finish(ending);
    expect(await client.settled(job)).toMatchObject(expected);
    expect(fake.bodies.length).toBe(before + 1);
  });

  it("GIVEN a job this process never started (the bot restarted) THEN a retryable failure saying so", async () => {
    expect(await make().status({ provider: "cloudflare", id: "from-before-the-restart" })).toMatchObject({
      state: "failed",
      code: "cloudflare_lost_on_restart",
      retryable: true,
    });
  });

  it("GIVEN a model Cloudflare doesn't list THEN supports() names it", () => {
    expect(client.supports(request({ model: "c1", duration: 5 }))).toEqual({
      ok: false,
      reason: "Cloudflare doesn't offer PixVerse C1",
    });
  });

  it("GIVEN options Cloudflare's models lack THEN supports() refuses them", () => {
    expect(client.supports(request({ style: "anime" }))).toMatchObject({ ok: false });
    expect(client.supports(request({ thinking: "enabled" }))).toMatchObject({ ok: false });
    expect(
      client.supports(
        request({
          mode: "transition",
          firstFrame: "https://x.test/a.png",
          lastFrame: "https://x.test/b.png",
          ratio: null,
        }),
      ),
    ).toMatchObject({ ok: false });
    expect(client.supports(request())).toEqual({ ok: true });
  });
});
