import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VideoRequest } from "../../src/core/request.ts";
import { PixverseProvider } from "../../src/providers/pixverse/client.ts";
import { signPixverse } from "../../src/providers/pixverse/webhook.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { testHttpPolicy, videoRequest } from "../support/video-request.ts";

// PixVerse's signed webhook deliveries, as the client verifies them (see pixverse/webhook.ts).

const fake = new FakePixverse();
const { policy } = testHttpPolicy();
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

describe("PixVerse webhooks", () => {
  const hooked = () =>
    new PixverseProvider({
      apiKey: fake.apiKey,
      baseUrl: fake.baseUrl,
      http: policy,
      webhookSecret: fake.webhookSecret,
    });
  /** Headers as the HTTP server hands them over: lower-cased. */
  const lower = (h: Record<string, string>) =>
    Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

  it("GIVEN the console's secret THEN /webhooks/pixverse, answered `ok`; without it no webhooks", () => {
    expect(hooked().webhookPath).toBe("/webhooks/pixverse");
    expect(hooked().webhookReply).toEqual({ contentType: "text/plain; charset=utf-8", body: "ok" });
    expect(client.webhookPath).toBeUndefined();
  });

  it("GIVEN a signed delivery THEN the video it names (int64 id kept exact) and its nonce as the delivery id", async () => {
    fake.nextScript = [5];
    const job = await submit(request());
    const { body, headers } = fake.webhookFor(job.id, { nonce: "n-1" });
    expect(await hooked().parseWebhook(body, lower(headers), new Date())).toEqual({
      ok: true,
      jobId: job.id,
      status: { state: "succeeded", videoUrl: `${fake.baseUrl}/media/${job.id}.mp4` },
      deliveryId: "n-1",
    });
    const moderated = fake.webhookFor(job.id, { status: 7 });
    expect(await hooked().parseWebhook(moderated.body, lower(moderated.headers), new Date())).toMatchObject({
      ok: true,
      status: { state: "moderated" },
    });
  });

  it.each([
    ["a tampered body", { tamper: true }, "bad_signature"],
    ["another secret", { secret: "not-the-secret" }, "bad_signature"],
    ["a delivery 6 minutes old", { at: new Date(Date.now() - 360_000) }, "stale"],
    ["a delivery 6 minutes ahead", { at: new Date(Date.now() + 360_000) }, "stale"],
    ["one 4 minutes old", { at: new Date(Date.now() - 240_000) }, "ok"],
  ] as const)("GIVEN %s THEN %s", async (_name, options, outcome) => {
    fake.nextScript = [5];
    const job = await submit(request());
    const { body, headers } = fake.webhookFor(job.id, options);
    const result = await hooked().parseWebhook(body, lower(headers), new Date());
    expect(result.ok ? "ok" : result.reason).toBe(outcome);
  });

  it("GIVEN a timestamp in milliseconds THEN read as such; missing headers or a non-JSON body THEN refused", async () => {
    fake.nextScript = [5];
    const job = await submit(request());
    const { body, headers } = fake.webhookFor(job.id);
    const ts = String(Number(headers["Webhook-Timestamp"]) * 1000);
    const signed = signPixverse(fake.webhookSecret, ts, "n-ms", Buffer.from(body).toString());
    const ms = { "webhook-timestamp": ts, "webhook-nonce": "n-ms", "webhook-signature": signed };
    expect(await hooked().parseWebhook(body, ms, new Date())).toMatchObject({ ok: true });
    expect(await hooked().parseWebhook(body, {}, new Date())).toEqual({ ok: false, reason: "bad_signature" });
    const junk = new TextEncoder().encode("not json");
    const junkHeaders = {
      "webhook-timestamp": ts,
      "webhook-nonce": "n",
      "webhook-signature": signPixverse(fake.webhookSecret, ts, "n", "not json"),
    };
    expect(await hooked().parseWebhook(junk, junkHeaders, new Date())).toEqual({
      ok: false,
      reason: "malformed",
    });
  });
});
