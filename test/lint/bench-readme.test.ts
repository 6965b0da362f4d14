import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// bench/README.md is where anyone looks for a benchmark: each script in bench/ has a row there
// saying how to run it and the figures last measured.

describe("bench/README.md", () => {
  it("GIVEN every script in bench/ THEN it has a row with how to run it", () => {
    const readme = readFileSync(new URL("../../bench/README.md", import.meta.url), "utf8");
    const scripts = readdirSync(new URL("../../bench/", import.meta.url)).filter((f) => f.endsWith(".ts"));
    expect(scripts.length).toBeGreaterThan(0);
    const unlisted = scripts.filter(
      (script) => !new RegExp(`^\\| \`${script}\` \\| .*bench/${script}`, "mu").test(readme),
    );
    expect(unlisted).toEqual([]);
  });
});
