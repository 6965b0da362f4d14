import { afterEach, describe, expect, it } from "vitest";
import { tokenize } from "../../../src/core/grammar/tokenize.ts";
import { checkVideoCommand } from "../../../src/core/index.ts";
import { LONGEST_COMMAND, worstCommands } from "../../support/worst-commands.ts";

// Parsing must take time in proportion to the text: a quote that never closes once made the
// tokenizer scan to the end of the text from every word (39,000 characters of `"a ` took 4.6 s).

/** Counts the tokenizer's character reads (it reads text only through charAt and charCodeAt). */
function countReads(run: () => void): number {
  const proto = String.prototype;
  const { charAt, charCodeAt } = proto;
  let reads = 0;
  proto.charAt = function (this: string, i: number) {
    reads++;
    return charAt.call(this, i);
  };
  proto.charCodeAt = function (this: string, i: number) {
    reads++;
    return charCodeAt.call(this, i);
  };
  try {
    run();
  } finally {
    proto.charAt = charAt;
    proto.charCodeAt = charCodeAt;
  }
  return reads;
}

describe("parsing time", () => {
  afterEach(() => {
    expect(String.prototype.charAt.name).toBe("charAt");
  });

  it.each(worstCommands(LONGEST_COMMAND / 4).map((c, i) => [c.name, i] as const))(
    "GIVEN %s THEN twice the text costs the tokenizer at most about twice the reads",
    (_name, i) => {
      const small = worstCommands(LONGEST_COMMAND / 4)[i]?.text ?? "";
      const large = worstCommands(LONGEST_COMMAND / 2)[i]?.text ?? "";
      const n = countReads(() => tokenize(small));
      const twice = countReads(() => tokenize(large));
      expect(n).toBeGreaterThan(0);
      // Linear: about 2×. The quadratic one read about 4× (each unclosed quote scanned to the end).
      expect(twice / n).toBeLessThan(2.2);
      expect(n).toBeLessThan(5 * small.length);
    },
  );

  // The whole check (tokenize, parse, validate) on five times the longest text a platform
  // delivers: milliseconds when linear, minutes when quadratic; the bound only tells them apart.
  it.each(worstCommands(5 * LONGEST_COMMAND).map((c) => [c.name, c.text] as const))(
    "GIVEN %s over 200,000 characters THEN checked in under 2 s",
    (_name, text) => {
      checkVideoCommand(text.slice(0, 1000)); // warm-up
      const began = performance.now();
      expect(checkVideoCommand(text).ok).toBe(false);
      expect(performance.now() - began).toBeLessThan(2_000);
    },
  );
});

describe("errors repeated thousands of times", () => {
  it("GIVEN one wrong option repeated THEN it is reported once", () => {
    const checked = checkVideoCommand(
      `a fox ${"--zzz ".repeat(1000)}${"durr:8 ".repeat(1000)}--dur 5 --dur 6 --dur 7`,
    );
    if (checked.ok) throw new Error("accepted");
    expect(checked.errors.map((e) => e.code)).toEqual([
      "unknown_option",
      "unknown_option",
      "duplicate_option",
    ]);
  });
});
