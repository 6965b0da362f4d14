import { describe, expect, it } from "vitest";
import {
  CATALOG,
  DEFAULTS,
  describeDurations,
  listWords,
  MODEL_IDS,
  modelSpec,
  PROMPT_MAX_CHARS,
  providerModel,
  QUALITIES,
  RATIOS,
  SEED_MAX,
  SEED_MIN,
  STYLES,
  THINKING,
} from "../../src/core/index.ts";

// What each model accepts, per the product contract.

describe("model catalog", () => {
  it.each([
    {
      id: "v5.6",
      durations: [5, 8, 10],
      ratios: ["16:9", "4:3", "1:1", "3:4", "9:16"],
      notAt1080p: [10],
      fastMotion: { durations: [5], not1080p: true },
      styles: ["anime", "3d_animation", "clay", "comic", "cyberpunk"],
      reads: "5, 8 or 10",
    },
    {
      id: "v6",
      durations: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      ratios: ["16:9", "4:3", "1:1", "3:4", "9:16", "2:3", "3:2", "21:9"],
      notAt1080p: [],
      fastMotion: null,
      styles: [],
      reads: "1–15",
    },
    {
      id: "c1",
      durations: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      ratios: ["16:9", "4:3", "1:1", "3:4", "9:16", "2:3", "3:2", "21:9"],
      notAt1080p: [],
      fastMotion: null,
      styles: [],
      reads: "1–15",
    },
  ] as const)(
    "GIVEN model $id THEN its durations, ratios, 1080p, motion and style rules match the contract",
    (m) => {
      const spec = modelSpec(m.id);
      expect(spec).toBe(CATALOG[m.id]);
      expect(spec.id).toBe(m.id);
      expect(spec.durations).toEqual(m.durations);
      expect(spec.ratios).toEqual(m.ratios);
      expect(spec.qualities).toEqual(["360p", "540p", "720p", "1080p"]);
      expect(spec.durationsNotAt1080p).toEqual(m.notAt1080p);
      expect(spec.fastMotion).toEqual(m.fastMotion);
      expect(spec.styles).toEqual(m.styles);
      expect(spec.thinking).toEqual(m.id === "c1" ? ["auto"] : ["auto", "enabled", "disabled"]);
      expect(spec.firstFrame && spec.lastFrame && spec.audio).toBe(true);
      expect(describeDurations(spec)).toBe(m.reads);
    },
  );

  it("GIVEN the catalog constants THEN they list every model, quality, ratio, style and limit", () => {
    expect(MODEL_IDS).toEqual(["v5.6", "v6", "c1"]);
    expect(QUALITIES).toEqual(["360p", "540p", "720p", "1080p"]);
    expect(RATIOS).toEqual(["16:9", "4:3", "1:1", "3:4", "9:16", "2:3", "3:2", "21:9"]);
    expect(STYLES).toEqual(["anime", "3d_animation", "clay", "comic", "cyberpunk"]);
    expect(THINKING).toEqual(["auto", "enabled", "disabled"]);
    expect([PROMPT_MAX_CHARS, SEED_MIN, SEED_MAX]).toEqual([2048, 0, 2147483647]);
  });

  it("GIVEN the defaults THEN they are v5.6, 5 s, 16:9, 720p, audio on, normal motion, auto thinking", () => {
    expect(DEFAULTS).toEqual({
      model: "v5.6",
      duration: 5,
      ratio: "16:9",
      quality: "720p",
      audio: true,
      motion: "normal",
      thinking: "auto",
      shots: false,
    });
    const spec = CATALOG[DEFAULTS.model];
    expect(spec.durations).toContain(DEFAULTS.duration);
    expect(spec.ratios).toContain(DEFAULTS.ratio);
  });
});

describe("provider ids in the catalog", () => {
  it.each([
    ["v5.6", "pixverse", "v5.6"],
    ["v5.6", "fal", "fal-ai/pixverse/v5.6"],
    ["v5.6", "replicate", "pixverse/pixverse-v5.6"],
    ["v5.6", "runware", "pixverse:1@7"],
    ["v5.6", "cloudflare", "pixverse/v5.6"],
    ["v5.6", "lumenfall", "pixverse-v5.6"],
    ["v5.6", "aigateway", "pixverse/v5.6"],
    ["v6", "pixverse", "v6"],
    ["v6", "fal", "fal-ai/pixverse/v6"],
    ["v6", "runware", "pixverse:1@8"],
    ["v6", "cloudflare", "pixverse/v6"],
    ["v6", "lumenfall", undefined],
    ["c1", "pixverse", "c1"],
    ["c1", "fal", "fal-ai/pixverse/c1"],
    ["c1", "runware", undefined],
    ["c1", "cloudflare", undefined],
  ] as const)("GIVEN %s on %s THEN the provider calls it %s", (model, provider, id) => {
    expect(providerModel(model, provider)).toBe(id);
  });

  it("GIVEN every model THEN the PixVerse platform offers it under some id", () => {
    for (const m of MODEL_IDS) expect(providerModel(m, "pixverse")).toBeTypeOf("string");
  });
});

describe("listWords", () => {
  it.each([
    { items: [], conjunction: undefined, text: "" },
    { items: ["a"], conjunction: undefined, text: "a" },
    { items: ["a", "b"], conjunction: undefined, text: "a or b" },
    { items: ["5", "8", "10"], conjunction: undefined, text: "5, 8 or 10" },
    { items: ["x", "y", "z"], conjunction: "and", text: "x, y and z" },
  ])("GIVEN $items THEN it reads $text", ({ items, conjunction, text }) => {
    expect(listWords(items, conjunction)).toBe(text);
  });
});
