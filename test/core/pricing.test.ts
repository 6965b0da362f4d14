import { describe, expect, it } from "vitest";
import {
  checkVideoCommand,
  DEFAULT_PRICE_TABLE,
  DEFAULT_PRICING,
  formatUsd,
  mergePriceTable,
  type Pricing,
  priceRequest,
} from "../../src/core/index.ts";

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
    expect(DEFAULT_PRICING).toEqual({ table: DEFAULT_PRICE_TABLE, centsPerCredit: 1 });
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
