import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProviderRouter } from "../../src/app/generation/router.ts";
import { checkVideoCommand, DEFAULT_PRICING, type Pricing } from "../../src/core/index.ts";
import { buildProviders, runwareWebhookToken } from "../../src/providers/build.ts";
import { FalProvider } from "../../src/providers/fal/client.ts";
import { PixverseProvider } from "../../src/providers/pixverse/client.ts";
import { ReplicateProvider } from "../../src/providers/replicate/client.ts";
import { FakeFal } from "../fakes/fal.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { videoRequest as request, testHttpPolicy } from "../support/video-request.ts";

const pixverseFake = new FakePixverse();
const falFake = new FakeFal();
const { policy } = testHttpPolicy();
let router: ProviderRouter;

beforeAll(async () => {
  await pixverseFake.start();
  await falFake.start();
  router = new ProviderRouter([
    new PixverseProvider({ apiKey: pixverseFake.apiKey, baseUrl: pixverseFake.baseUrl, http: policy }),
    new FalProvider({
      apiKey: falFake.apiKey,
      baseUrl: falFake.baseUrl,
      jwks: { keys: async () => falFake.jwks.keys },
      http: policy,
    }),
  ]);
});
afterAll(async () => {
  await pixverseFake.stop();
  await falFake.stop();
});

const submissions = () => ({
  pixverse: pixverseFake.requests.filter((r) => r.path.includes("/generate")).length,
  fal: falFake.requests.filter((r) => r.method === "POST").length,
});

describe("pricing by the provider that will run a request", () => {
  it("GIVEN fal runs v6 and PixVerse is down the list THEN the request is priced at fal's own v6 price", () => {
    const falFirst = new ProviderRouter([
      new FalProvider({
        apiKey: "k",
        baseUrl: falFake.baseUrl,
        jwks: { keys: async () => [] },
        http: policy,
      }),
      new PixverseProvider({ apiKey: "k", baseUrl: pixverseFake.baseUrl, http: policy }),
    ]);
    const pricing: Pricing = { ...DEFAULT_PRICING, providerFor: (r) => falFirst.providerFor(r) };
    const checked = checkVideoCommand("a fox model:v6 duration:10 quality:1080p audio:off", pricing);
    expect(checked.ok && checked.cost.usdCents).toBe(90); // fal: 9¢/s at 1080p without audio
    // Fast motion is beyond fal: PixVerse runs it, at the default table.
    const fast = checkVideoCommand("a fox motion:fast", pricing);
    expect(falFirst.providerFor(fast.ok ? fast.request : request())).toBe("pixverse");
    expect(fast.ok && fast.cost.usdCents).toBe(35);
  });
});

describe("provider routing and failover", () => {
  it("GIVEN the primary accepts THEN only the primary is asked", async () => {
    const before = submissions();
    const job = await router.submit(request(), { idempotencyKey: "k" });
    expect(job.provider).toBe("pixverse");
    expect(submissions()).toEqual({ pixverse: before.pixverse + 1, fal: before.fal });
  });

  it("GIVEN the primary fails to accept (5xx past its retries) THEN the next provider gets the job", async () => {
    pixverseFake.failNext("500", "500", "500");
    const job = await router.submit(request(), { idempotencyKey: "k" });
    expect(job.provider).toBe("fal");
  });

  it("GIVEN the primary refuses the request itself (4xx-style ErrCode) THEN no failover: that would not help", async () => {
    const strict = new ProviderRouter([
      new PixverseProvider({ apiKey: "wrong", baseUrl: pixverseFake.baseUrl, http: policy }),
      new FalProvider({
        apiKey: falFake.apiKey,
        baseUrl: falFake.baseUrl,
        jwks: { keys: async () => [] },
        http: policy,
      }),
    ]);
    const before = submissions().fal;
    await expect(strict.submit(request(), { idempotencyKey: "k" })).rejects.toMatchObject({
      provider: "pixverse",
      retryable: false,
    });
    expect(submissions().fal).toBe(before);
  });

  it("GIVEN a request the primary can't serve THEN routed to one that can; none can THEN every reason", () => {
    const falFirst = new ProviderRouter([
      new FalProvider({ apiKey: "k", baseUrl: falFake.baseUrl, jwks: { keys: async () => [] } }),
      new PixverseProvider({ apiKey: "k", baseUrl: pixverseFake.baseUrl }),
    ]);
    const fast = request({ motion: "fast", duration: 5 });
    expect(falFirst.route(fast)).toMatchObject({
      ok: true,
      provider: { id: "pixverse" },
      skipped: [{ id: "fal" }],
    });
    const onlyFal = new ProviderRouter([
      new FalProvider({ apiKey: "k", baseUrl: falFake.baseUrl, jwks: { keys: async () => [] } }),
    ]);
    expect(onlyFal.route(fast)).toEqual({
      ok: false,
      reasons: [{ id: "fal", reason: "fal's PixVerse endpoints have no motion mode" }],
    });
  });
});

describe("webhook URLs on submit", () => {
  const fal = () =>
    new FalProvider({
      apiKey: falFake.apiKey,
      baseUrl: falFake.baseUrl,
      jwks: { keys: async () => falFake.jwks.keys },
      http: policy,
    });

  it("GIVEN a public URL THEN fal is told to call <url>/webhooks/fal; without one THEN no webhook (polling)", async () => {
    const hooked = new ProviderRouter([fal()], { publicUrl: "https://bot.example.com/fc/" });
    const job = await hooked.submit(request(), { idempotencyKey: "k" });
    expect(falFake.webhookUrl(job.id)).toBe("https://bot.example.com/fc/webhooks/fal");
    const polled = await new ProviderRouter([fal()]).submit(request(), { idempotencyKey: "k" });
    expect(falFake.webhookUrl(polled.id)).toBeUndefined();
  });

  it("GIVEN a provider that sends no webhooks (PixVerse) THEN none is asked for, even with a public URL", () => {
    const pixverse = new PixverseProvider({ apiKey: "k", baseUrl: pixverseFake.baseUrl, http: policy });
    const hooked = new ProviderRouter([pixverse], { publicUrl: "https://bot.example.com" });
    expect(hooked.webhookUrl(pixverse)).toBeUndefined();
  });

  it("GIVEN Replicate without its signing secret THEN no webhook: unverifiable calls would be refused", () => {
    const withSecret = new ReplicateProvider({
      apiToken: "t",
      baseUrl: "https://r.example",
      webhookSecret: "whsec_a",
    });
    const without = new ReplicateProvider({ apiToken: "t", baseUrl: "https://r.example" });
    const router = new ProviderRouter([withSecret, without], { publicUrl: "https://x.example" });
    expect(router.webhookUrl(withSecret)).toBe("https://x.example/webhooks/replicate");
    expect(router.webhookUrl(without)).toBeUndefined();
  });

  it("GIVEN Runware THEN its URL carries a token derived from the key: stable across restarts, secret, per key", () => {
    const [a] = buildProviders(
      {
        order: ["runware"],
        previewSeconds: 4,
        runware: { apiKey: "rw-key-1", baseUrl: "https://api.runware.ai" },
      },
      { previewDir: "/tmp", fetchImage: () => Promise.reject(new Error("no")) },
    );
    const token = runwareWebhookToken("rw-key-1");
    expect(token).toMatch(/^[\w-]{32}$/u);
    expect(token).toBe(runwareWebhookToken("rw-key-1"));
    expect(token).not.toBe(runwareWebhookToken("rw-key-2"));
    expect(token).not.toContain("rw-key");
    if (a === undefined) throw new Error("no provider");
    expect(new ProviderRouter([a], { publicUrl: "https://x.example" }).webhookUrl(a)).toBe(
      `https://x.example/webhooks/runware/${token}`,
    );
  });
});
