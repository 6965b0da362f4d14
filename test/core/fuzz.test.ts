import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkedCommandJson,
  checkVideoCommand,
  ERROR_CODES,
  parseCommand,
  rawRequestSchema,
  videoRequestSchema,
} from "../../src/core/index.ts";

// Whatever a user types, the command core answers with a valid request or well-formed errors.

const FRAGMENTS = [
  ...["prompt", "negative", "neg", "no", "negative_prompt", "duration", "dur", "d", "ratio", "ar", "aspect"],
  ...["aspect_ratio", "quality", "q", "res", "resolution", "model", "audio", "seed", "style", "motion"],
  ...["thinking", "image", "first_frame", "start_image", "last_image", "last_frame", "end_image"],
  ...["durration", "ration", "negativ", "DURATION", "AR", "Title", "at", "/video", "--", "—", "–", "-"],
  ...[":", "=", " ", "  ", "\n", "\t", "“", "”", "‘", "’", "„", '"', "'", "<", ">", "s", "p"],
  ...["0", "1", "5", "7", "8", "10", "15", "16", "-1", "2147483647", "2147483648", "8.5", "9:16", "21:9"],
  ...["1080p", "720p", "4k", "v5.6", "5.6", "pixverse-v6", "v6", "fast", "anime", "on", "off", "auto"],
  ...[
    "https://x.y/a.png",
    "http://",
    "ftp://x",
    "🦊",
    "👨‍👩‍👧",
    "富士山",
    "ثعلب",
    "\u0301",
    "\u200d",
    "\ud83e",
  ],
];

const fragmentText = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 3 })), { maxLength: 30 })
  .chain((parts) => fc.constantFrom(parts.join(""), parts.join(" ")));

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary", maxLength: 3000 }),
  fragmentText,
  fragmentText,
);

describe("command core under random input", () => {
  it("GIVEN 10,000 random strings THEN parsing and checking never throw and answer well-formed", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parseCommand(text);
        expect(() => rawRequestSchema.parse(parsed.raw)).not.toThrow();
        const checked = checkVideoCommand(text);
        if (checked.ok) {
          expect(videoRequestSchema.parse(checked.request)).toEqual(checked.request);
          expect(checked.cost.credits).toBeGreaterThan(0);
        } else {
          expect(checked.errors.length).toBeGreaterThan(0);
          for (const e of [...checked.errors, ...parsed.errors]) {
            expect(ERROR_CODES).toContain(e.code);
            expect(e.field.length).toBeGreaterThan(0);
            expect(e.message.length).toBeGreaterThan(0);
          }
        }
        expect(checkedCommandJson(checked).ok).toBe(checked.ok);
      }),
      { numRuns: 10000, seed: 42 },
    );
  });
});
