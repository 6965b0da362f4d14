import { describe, expect, it } from "vitest";
import {
  checkVideoCommand,
  DEFAULT_PRICE_TABLE,
  DEFAULT_PRICING,
  formatUsd,
  mergePrices,
  PROVIDER_PRICE_TABLES,
  type Pricing,
  priceRequest,
  priceTableOverrideSchema,
} from "../../src/core/index.ts";

const builtIn = { table: DEFAULT_PRICE_TABLE, providers: PROVIDER_PRICE_TABLES };
/** FRAMECAST_PRICES as config reads it: the operator's JSON, parsed, over the built-in prices. */
const merged = (json: unknown) => mergePrices(builtIn, priceTableOverrideSchema.parse(json));
const mergePriceTable = (_base: unknown, json: unknown) => merged(json).table;

// Cost of a request: default list price 7¢/s up to 720p and 12¢/s at 1080p; one credit = one cent.

describe("cost of a command with default pricing", () => {
  it.each([
    { text: "a fox duration:8", credits: 56, usdCents: 56 },
    { text: "a fox duration:8 ratio:9:16 quality:720p", credits: 56, usdCents: 56 },
    { text: "a fox", credits: 35, usdCents: 35 },
    { text: "a fox duration:10", credits: 70, usdCents: 70 },
    { text: "a fox quality:360p", credits: 35, usdCents: 35 },
    { text: "a fox quality:540p duration:8", credits: 56, usdCents: 56 },
    { text: "a fox quality:1080p", credits: 60, usdCents: 60 },
    { text: "a fox quality:1080p duration:8", credits: 96, usdCents: 96 },
    { text: "a fox audio:off duration:8", credits: 56, usdCents: 56 },
    { text: "a fox model:v6 duration:1", credits: 7, usdCents: 7 },
    { text: "a fox model:v6 duration:15 quality:1080p", credits: 180, usdCents: 180 },
  ])("GIVEN $text THEN it costs $credits credits and $usdCents cents", ({ text, credits, usdCents }) => {
    const checked = checkVideoCommand(text);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.cost).toEqual({ credits, usdCents });
  });
});

const withAudio = mergePriceTable(DEFAULT_PRICE_TABLE, {
  "v5.6": { audioPerSecondCents: { "720p": 9, "1080p": 15 } },
});
const halfCentCredits: Pricing = { table: DEFAULT_PRICE_TABLE, centsPerCredit: 0.5 };
const tenthCent: Pricing = {
  table: mergePriceTable(DEFAULT_PRICE_TABLE, { v6: { perSecondCents: { "360p": 0.7 } } }),
  centsPerCredit: 1,
};

describe("priceRequest with operator pricing", () => {
  it.each([
    {
      name: "audio surcharge on",
      pricing: { table: withAudio, centsPerCredit: 1 },
      model: "v5.6",
      quality: "720p",
      duration: 5,
      audio: true,
      credits: 80,
      usdCents: 80,
    },
    {
      name: "audio surcharge off",
      pricing: { table: withAudio, centsPerCredit: 1 },
      model: "v5.6",
      quality: "720p",
      duration: 5,
      audio: false,
      credits: 35,
      usdCents: 35,
    },
    {
      name: "1080p surcharge",
      pricing: { table: withAudio, centsPerCredit: 1 },
      model: "v5.6",
      quality: "1080p",
      duration: 8,
      audio: true,
      credits: 216,
      usdCents: 216,
    },
    {
      name: "v6 keeps defaults",
      pricing: { table: withAudio, centsPerCredit: 1 },
      model: "v6",
      quality: "720p",
      duration: 5,
      audio: true,
      credits: 35,
      usdCents: 35,
    },
    {
      name: "half-cent credits",
      pricing: halfCentCredits,
      model: "v5.6",
      quality: "720p",
      duration: 8,
      audio: true,
      credits: 112,
      usdCents: 56,
    },
    {
      name: "float noise 0.7 × 3",
      pricing: tenthCent,
      model: "v6",
      quality: "360p",
      duration: 3,
      audio: true,
      credits: 3,
      usdCents: 3,
    },
    {
      name: "fractions round up",
      pricing: tenthCent,
      model: "v6",
      quality: "360p",
      duration: 1,
      audio: true,
      credits: 1,
      usdCents: 1,
    },
  ] as const)(
    "GIVEN $name THEN it costs $credits credits and $usdCents cents",
    ({ pricing, credits, usdCents, ...request }) => {
      expect(priceRequest(request, pricing)).toEqual({ credits, usdCents });
    },
  );

  it("GIVEN a command and custom pricing THEN checkVideoCommand uses that pricing", () => {
    const checked = checkVideoCommand("a fox duration:8", halfCentCredits);
    expect(checked.ok && checked.cost).toEqual({ credits: 112, usdCents: 56 });
  });

  it("GIVEN no pricing THEN the default is one credit per cent of the default table", () => {
    expect(DEFAULT_PRICING).toEqual({
      table: DEFAULT_PRICE_TABLE,
      providers: PROVIDER_PRICE_TABLES,
      centsPerCredit: 1,
    });
    expect(DEFAULT_PRICE_TABLE["v5.6"].perSecondCents).toEqual({
      "360p": 7,
      "540p": 7,
      "720p": 7,
      "1080p": 12,
    });
  });

  it.each([
    { name: "a negative price", override: { v6: { perSecondCents: { "720p": -1 } } } },
    { name: "an absurd price", override: { v6: { perSecondCents: { "720p": 1e9 } } } },
  ])("GIVEN $name in an override THEN mergePriceTable refuses it", ({ override }) => {
    expect(() => mergePriceTable(DEFAULT_PRICE_TABLE, override)).toThrow();
  });

  it("GIVEN an override THEN the base table is left unchanged", () => {
    mergePriceTable(DEFAULT_PRICE_TABLE, { "v5.6": { perSecondCents: { "720p": 50 } } });
    expect(DEFAULT_PRICE_TABLE["v5.6"].perSecondCents["720p"]).toBe(7);
  });
});

const request = (over: Partial<Parameters<typeof priceRequest>[0]> = {}) => ({
  model: "v6" as const,
  quality: "720p" as const,
  duration: 5,
  audio: true,
  ...over,
});

describe("prices per provider, model, quality and audio", () => {
  it.each([
    // fal v6: per second without / with audio (fal-ai/pixverse/v6/transition/llms.txt).
    [{ quality: "360p", audio: false }, 13], // 5 × 2.5¢ = 12.5¢
    [{ quality: "360p", audio: true }, 18], // 5 × 3.5¢ = 17.5¢
    [{ quality: "540p", audio: false }, 18],
    [{ quality: "720p", audio: true }, 30],
    [{ quality: "1080p", audio: false, duration: 10 }, 90],
    [{ quality: "1080p", audio: true, duration: 10 }, 115],
    // fal v5.6: 5 s 45¢ at 720p, audio +45¢; 8 s costs 2× and 10 s 2.2× the 5 s price.
    [{ model: "v5.6", quality: "720p", audio: false }, 45],
    [{ model: "v5.6", quality: "720p", audio: true, duration: 8 }, 180],
    [{ model: "v5.6", quality: "540p", audio: false, duration: 10 }, 77],
    [{ model: "v5.6", quality: "1080p", audio: true, duration: 8 }, 300],
    // fal C1: 360p $0.030/$0.040 … 1080p $0.095/$0.120 per second.
    [{ model: "c1", quality: "360p", audio: false, duration: 10 }, 30],
    [{ model: "c1", quality: "1080p", audio: true, duration: 10 }, 120],
  ] as const)("GIVEN fal and %j THEN it costs %i cents", (over, cents) => {
    expect(priceRequest(request(over), DEFAULT_PRICING, "fal").usdCents).toBe(cents);
  });

  it("GIVEN AIGateway THEN its published 8¢/s for v5.6; a provider with no table THEN the default", () => {
    expect(priceRequest(request({ model: "v5.6", duration: 5 }), DEFAULT_PRICING, "aigateway").usdCents).toBe(
      40,
    );
    expect(priceRequest(request({ duration: 5 }), DEFAULT_PRICING, "pixverse").usdCents).toBe(35);
    expect(priceRequest(request({ duration: 5 }), DEFAULT_PRICING).usdCents).toBe(35);
  });

  it("GIVEN the router picks the provider THEN a command is priced by the provider that will run it", () => {
    const onFal: Pricing = { ...DEFAULT_PRICING, providerFor: () => "fal" };
    const checked = checkVideoCommand("a fox model:v6 duration:10 quality:1080p", onFal);
    expect(checked.ok && checked.cost).toEqual({ credits: 115, usdCents: 115 });
    const onPixverse: Pricing = { ...DEFAULT_PRICING, providerFor: () => "pixverse" };
    expect(checkVideoCommand("a fox model:v6 duration:10 quality:1080p", onPixverse)).toMatchObject({
      cost: { usdCents: 120 },
    });
  });

  it("GIVEN FRAMECAST_PRICES in its original shape THEN that model's price holds on every provider", () => {
    const prices = merged({ v6: { perSecondCents: { "720p": 10 } } });
    const pricing: Pricing = { ...prices, centsPerCredit: 1 };
    // fal's own 720p rate gives way; fal's audio surcharge (1.5¢/s) stays.
    expect(priceRequest(request({ audio: false }), pricing, "fal").usdCents).toBe(50);
    expect(priceRequest(request({ audio: true }), pricing, "fal").usdCents).toBe(58);
    expect(priceRequest(request({ audio: false }), pricing, "pixverse").usdCents).toBe(50);
  });

  it("GIVEN FRAMECAST_PRICES for one provider THEN only that provider's price changes", () => {
    const prices = merged({
      runware: { v6: { perSecondCents: { "720p": 4 }, audioPerSecondCents: { "720p": 1 } } },
    });
    const pricing: Pricing = { ...prices, centsPerCredit: 1 };
    expect(priceRequest(request(), pricing, "runware").usdCents).toBe(25);
    expect(priceRequest(request(), pricing, "pixverse").usdCents).toBe(35);
    expect(priceRequest(request(), pricing, "fal").usdCents).toBe(30);
  });

  it("GIVEN a key that is neither a model nor a provider THEN the error says what keys may be", () => {
    const parsed = priceTableOverrideSchema.safeParse({ v7: {} });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(
      /"v7": each key is a model \(v5\.6, v6.*\) or a provider \(pixverse, fal/u,
    );
  });
});

describe("formatUsd", () => {
  it.each([
    [56, "$0.56"],
    [0, "$0.00"],
    [180, "$1.80"],
    [12345, "$123.45"],
  ])("GIVEN %i cents THEN it reads %s", (cents, text) => {
    expect(formatUsd(cents)).toBe(text);
  });
});
