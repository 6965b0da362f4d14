import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudflareProvider } from "../../src/providers/cloudflare/client.ts";
import { FalProvider } from "../../src/providers/fal/client.ts";
import { GatewayProvider } from "../../src/providers/gateways/client.ts";
import { aigateway, lumenfall } from "../../src/providers/gateways/dialects.ts";
import { PixverseProvider } from "../../src/providers/pixverse/client.ts";
import { PreviewProvider } from "../../src/providers/preview/client.ts";
import { ReplicateProvider } from "../../src/providers/replicate/client.ts";
import { RunwareProvider } from "../../src/providers/runware/client.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { checkGenerate } from "../fakes/pixverse-requests.ts";
import { FakeRunware } from "../fakes/runware.ts";
import { testHttpPolicy, videoRequest } from "../support/video-request.ts";

// Multi-shot (shots:on) on the wire: PixVerse's generate_multi_clip_switch, Runware's
// settings.multiClip, and a refusal naming where it exists from every provider without it.

const pixverse = new FakePixverse();
const runware = new FakeRunware();
const { policy } = testHttpPolicy();
const shots = (over: Parameters<typeof videoRequest>[0] = {}) =>
  videoRequest({ model: "v6", duration: 10, shots: true, ...over });

beforeAll(async () => {
  await pixverse.start();
  await runware.start();
});
afterAll(async () => {
  await pixverse.stop();
  await runware.stop();
});

describe("multi-shot on PixVerse's platform API", () => {
  const client = () =>
    new PixverseProvider({ apiKey: pixverse.apiKey, baseUrl: pixverse.baseUrl, http: policy });

  it("GIVEN shots:on from text THEN generate_multi_clip_switch true on text/generate, as a JSON boolean", async () => {
    pixverse.nextScript = [1];
    const job = await client().submit(shots(), { idempotencyKey: "shots-t2v" });
    expect(pixverse.job(job.id)).toMatchObject({ model: "v6", generate_multi_clip_switch: true });
  });

  it("GIVEN shots:on from one first frame THEN the switch on img/generate", async () => {
    pixverse.nextScript = [1];
    const request = shots({
      mode: "image-to-video",
      firstFrame: "https://cdn.discordapp.com/a/fox.png",
      ratio: null,
    });
    const job = await client().submit(request, { idempotencyKey: "shots-i2v" });
    expect(pixverse.job(job.id)).toMatchObject({ generate_multi_clip_switch: true });
    expect(pixverse.job(job.id)).toHaveProperty("img_id");
  });

  it("GIVEN shots off THEN the field is not sent at all", async () => {
    pixverse.nextScript = [1];
    const job = await client().submit(videoRequest({ model: "v6" }), { idempotencyKey: "no-shots" });
    expect(pixverse.job(job.id)).not.toHaveProperty("generate_multi_clip_switch");
  });

  it("GIVEN shots:on between two frames THEN refused before anything is sent, saying what to drop", () => {
    const request = shots({
      mode: "transition",
      firstFrame: "https://cdn.discordapp.com/a/a.png",
      lastFrame: "https://cdn.discordapp.com/a/b.png",
    });
    expect(client().supports(request)).toEqual({
      ok: false,
      reason:
        "PixVerse's multi-shot starts from a prompt or one first frame, not from a first and a last frame: drop last_image or shots:on",
    });
  });

  it("GIVEN the fake THEN it refuses the switch where PixVerse has none: on v5.6, on transitions, and as a string", () => {
    const body = (over: Record<string, unknown>) =>
      JSON.stringify({
        prompt: "p",
        model: "v6",
        duration: 5,
        quality: "720p",
        aspect_ratio: "16:9",
        ...over,
      });
    const text = "/openapi/v2/video/text/generate" as const;
    expect(
      checkGenerate(text, "application/json", body({ generate_multi_clip_switch: true }), () => undefined).ok,
    ).toBe(true);
    expect(
      checkGenerate(
        text,
        "application/json",
        body({ model: "v5.6", generate_multi_clip_switch: true }),
        () => undefined,
      ).ok,
    ).toBe(false);
    expect(
      checkGenerate(text, "application/json", body({ generate_multi_clip_switch: "true" }), () => undefined)
        .ok,
    ).toBe(false);
    const transition =
      '{"prompt":"p","model":"v6","duration":5,"quality":"720p","first_frame_img":1,"last_frame_img":2,"generate_multi_clip_switch":true}';
    expect(
      checkGenerate("/openapi/v2/video/transition/generate", "application/json", transition, () => undefined)
        .ok,
    ).toBe(false);
  });
});

describe("multi-shot on Runware", () => {
  const client = (models?: { v6: string }) =>
    new RunwareProvider({
      apiKey: runware.apiKey,
      baseUrl: runware.baseUrl,
      http: policy,
      ...(models ? { models } : {}),
    });

  it("GIVEN shots:on THEN settings.multiClip true beside audio on pixverse:1@8", async () => {
    const job = await client().submit(shots(), { idempotencyKey: "rw-shots" });
    expect(runware.task(job.id)).toMatchObject({
      model: "pixverse:1@8",
      settings: { audio: true, multiClip: true },
    });
  });

  it("GIVEN shots:on with two anchor frames THEN accepted (Runware's multi-shot guide uses them)", () => {
    const request = shots({
      mode: "transition",
      firstFrame: "https://cdn.discordapp.com/a/a.png",
      lastFrame: "https://cdn.discordapp.com/a/b.png",
    });
    expect(client().supports(request)).toEqual({ ok: true });
  });

  it("GIVEN RUNWARE_MODEL_V6 naming a model with providerSettings THEN shots:on refused, naming why", () => {
    const support = client({ v6: "pixverse:1@7" }).supports(shots());
    expect(support).toEqual({
      ok: false,
      reason: "Runware's pixverse:1@7 has no multi-clip setting (settings.multiClip is v6's)",
    });
  });

  it("GIVEN shots off THEN no multiClip key", async () => {
    const job = await client().submit(videoRequest({ model: "v6" }), { idempotencyKey: "rw-no-shots" });
    expect(runware.task(job.id)?.settings).toEqual({ audio: true });
  });
});

describe("providers without multi-shot", () => {
  const unused = { apiKey: "k", baseUrl: "https://127.0.0.1:1", http: policy };
  const cases = [
    ["fal", new FalProvider({ ...unused, jwks: { keys: async () => [] } })],
    ["Replicate", new ReplicateProvider({ apiToken: "t", baseUrl: unused.baseUrl, http: policy })],
    [
      "Cloudflare",
      new CloudflareProvider({
        accountId: "a",
        apiToken: "t",
        baseUrl: unused.baseUrl,
        http: policy,
        fetchImage: () => Promise.reject(new Error("no images")),
      }),
    ],
    ["AI Gateway", new GatewayProvider(aigateway, unused)],
    ["Lumenfall", new GatewayProvider(lumenfall, unused)],
  ] as const;

  it.each(cases)("GIVEN %s THEN shots:on is refused naming where multi-shot exists", (name, provider) => {
    const support = provider.supports(shots());
    expect(support.ok).toBe(false);
    if (!support.ok)
      expect(support.reason).toBe(`multi-shot needs v6 on PixVerse or Runware; this workspace uses ${name}`);
  });

  it("GIVEN the offline preview THEN it renders shots:on like anything else", () => {
    expect(
      new PreviewProvider({
        outputDir: "/tmp/unused",
        previewSeconds: 0,
        fetchImage: () => Promise.reject(new Error("no images")),
      }).supports(shots()),
    ).toEqual({ ok: true });
  });
});
