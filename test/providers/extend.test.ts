import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderJob } from "../../src/app/generation/ports.ts";
import { extendRequestOf } from "../../src/core/extend.ts";
import type { VideoRequest } from "../../src/core/request.ts";
import { ProviderError } from "../../src/providers/errors.ts";
import { FalProvider } from "../../src/providers/fal/client.ts";
import { PixverseProvider } from "../../src/providers/pixverse/client.ts";
import { ReplicateProvider } from "../../src/providers/replicate/client.ts";
import { FakeFal } from "../fakes/fal.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { pollToEnd, testHttpPolicy, videoRequest } from "../support/video-request.ts";

// The providers' own extend: PixVerse by its video id, fal's v6 by the video's link; each fake
// holds the endpoint to its documented fields and refuses a source it doesn't have.

const pixverse = new FakePixverse();
const fal = new FakeFal();
const { policy } = testHttpPolicy();
let pv: PixverseProvider;
let fa: FalProvider;

beforeAll(async () => {
  await pixverse.start();
  await fal.start();
  pv = new PixverseProvider({ apiKey: pixverse.apiKey, baseUrl: pixverse.baseUrl, http: policy });
  fa = new FalProvider({
    apiKey: fal.apiKey,
    baseUrl: fal.baseUrl,
    jwks: { keys: async () => fal.jwks.keys },
    http: policy,
  });
});
afterAll(async () => {
  await pixverse.stop();
  await fal.stop();
});

/** A finished video on `provider`, and the extend request that continues it. */
async function finished(
  provider: PixverseProvider | FalProvider,
  over: Partial<VideoRequest>,
): Promise<{ job: ProviderJob; extend: VideoRequest }> {
  const original = videoRequest(over);
  const job = await provider.submit(original, { idempotencyKey: "k" });
  const done = await pollToEnd(() => provider.status(job));
  if (done.state !== "succeeded") throw new Error(`not finished: ${done.state}`);
  const source = { jobId: "job-1", provider: job.provider, id: job.id, videoUrl: done.videoUrl };
  return { job, extend: extendRequestOf(original, source) };
}

describe("PixVerse extend", () => {
  it("GIVEN a finished PixVerse video THEN /video/extend/generate with source_video_id as an exact integer and the documented fields only", async () => {
    pixverse.nextScript = [1];
    const { job, extend } = await finished(pv, { model: "v6", duration: 4, seed: 9, negativePrompt: "rain" });
    expect(pv.supports(extend)).toEqual({ ok: true });
    const next = await pv.submit(extend, { idempotencyKey: "k2" });
    const sent = pixverse.requests.findLast((r) => r.path === "/openapi/v2/video/extend/generate");
    expect(sent?.body).toContain(`"source_video_id":${job.id}`);
    expect(pixverse.job(next.id)).toEqual({
      prompt: "a fox in snow",
      model: "v6",
      duration: 4,
      quality: "720p",
      generate_audio_switch: true,
      negative_prompt: "rain",
      source_video_id: job.id,
    });
    expect(await pollToEnd(() => pv.status(next))).toMatchObject({ state: "succeeded" });
  });

  it("GIVEN a source id PixVerse doesn't have, or a field its extend lacks THEN refused with its ErrCode, nothing made", async () => {
    pixverse.nextScript = [1];
    const { extend } = await finished(pv, { model: "v5.6", duration: 5 });
    const wrong = {
      ...extend,
      source: { ...(extend.source ?? { jobId: "", videoUrl: "" }), provider: "pixverse", id: "12345" },
    };
    const refused = await pv.submit(wrong, { idempotencyKey: "k3" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProviderError);
    expect((refused as ProviderError).providerCode).toBe("500030");
    // The fake holds the documented field list: an aspect ratio (the source decides it) is refused.
    const raw = await fetch(`${pixverse.baseUrl}/openapi/v2/video/extend/generate`, {
      method: "POST",
      headers: {
        "API-KEY": pixverse.apiKey,
        "Ai-trace-id": crypto.randomUUID(),
        "Content-Type": "application/json",
      },
      body: `{"source_video_id":${extend.source?.id},"prompt":"x","model":"v6","duration":5,"quality":"720p","aspect_ratio":"16:9"}`,
    });
    expect(await raw.json()).toMatchObject({
      ErrCode: 400017,
      ErrMsg: expect.stringContaining("aspect_ratio"),
    });
  });

  it("GIVEN another provider's video, or C1 THEN PixVerse says it can't extend it (the engine falls back)", async () => {
    const base = videoRequest({ model: "v6" });
    const source = { jobId: "j", provider: "fal", id: "abc", videoUrl: "https://x.test/v.mp4" };
    expect(pv.supports(extendRequestOf(base, source))).toMatchObject({ ok: false });
    const c1 = extendRequestOf(videoRequest({ model: "c1", duration: 5 }), {
      ...source,
      provider: "pixverse",
      id: "1",
    });
    expect(pv.supports(c1)).toEqual({ ok: false, reason: "PixVerse has no extend for c1" });
  });
});

describe("fal extend", () => {
  it("GIVEN a finished fal v6 video THEN fal-ai/pixverse/v6/extend with its video_url, an integer duration, no ratio or thinking switch", async () => {
    fal.nextScript = ["COMPLETED"];
    fal.nextOutcome = "ok";
    const { extend } = await finished(fa, { model: "v6", duration: 3, style: null });
    expect(fa.supports(extend)).toEqual({ ok: true });
    const next = await fa.submit(extend, { idempotencyKey: "k4" });
    expect(fal.requests.findLast((r) => r.method === "POST")?.path).toBe("/fal-ai/pixverse/v6/extend");
    expect(fal.input(next.id)).toEqual({
      video_url: extend.source?.videoUrl,
      prompt: "a fox in snow",
      resolution: "720p",
      duration: 3,
      generate_audio_switch: true,
    });
    expect(await pollToEnd(() => fa.status(next))).toMatchObject({ state: "succeeded" });
  });

  it("GIVEN a video_url fal can't read THEN a 422 refusal naming video_url; v5.6 and C1 have no fal extend", async () => {
    fal.nextScript = ["COMPLETED"];
    const { extend } = await finished(fa, { model: "v6", duration: 3 });
    const wrong = {
      ...extend,
      source: {
        ...(extend.source ?? { jobId: "", provider: "fal", id: "" }),
        videoUrl: `${fal.baseUrl}/media/nope.mp4`,
      },
    };
    const refused = await fa.submit(wrong, { idempotencyKey: "k5" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProviderError);
    expect(String((refused as Error).message)).toContain("video_url");
    const source = { jobId: "j", provider: "fal", id: "x", videoUrl: "https://x.test/v.mp4" };
    expect(fa.supports(extendRequestOf(videoRequest({ model: "v5.6" }), source))).toEqual({
      ok: false,
      reason: "fal has no extend for v5.6",
    });
  });
});

describe("providers without extend", () => {
  it("GIVEN an extend request THEN Replicate says it has none, so it is never sent as a new video", () => {
    const replicate = new ReplicateProvider({ apiToken: "r8_x", baseUrl: "https://api.replicate.test" });
    const source = { jobId: "j", provider: "replicate", id: "p1", videoUrl: "https://x.test/v.mp4" };
    expect(replicate.supports(extendRequestOf(videoRequest(), source))).toEqual({
      ok: false,
      reason: "Replicate has no extend",
    });
  });
});
