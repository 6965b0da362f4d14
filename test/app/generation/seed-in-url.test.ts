import { describe, expect, it } from "vitest";
import { seedInVideoUrl } from "../../../src/app/generation/seed-in-url.ts";

describe("the seed in a PixVerse file name", () => {
  it.each([
    // Cloudflare's documented result (reference/seeds/cloudflare-pixverse-v5.6.md).
    [
      "https://media.pixverse.ai/pixverse%2Fmp4%2Fmedia%2Fweb%2Fori%2F83ca9c7f-6387-4a2c-8d92-bb90a3d519e7_seed1453814635.mp4",
      1453814635,
    ],
    ["https://media.pixverse.ai/pixverse/mp4/x_seed12345.mp4?sig=1", 12345],
    ["https://media.pixverse.ai/pixverse/mp4/x.mp4", undefined],
    ["https://media.pixverse.ai/x_seed99999999999.mp4", undefined],
    ["not a url", undefined],
  ])("GIVEN %s THEN %s", (url, seed) => {
    expect(seedInVideoUrl(url)).toBe(seed);
  });
});
