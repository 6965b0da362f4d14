import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderExamples } from "../../src/cli/render-examples.ts";

// docs/messages.md shows what the renderers make: it must not drift from them.

describe("docs/messages.md", () => {
  it("GIVEN the current renderers THEN the file is what they make (regenerate: node src/cli/render-examples.ts > docs/messages.md)", () => {
    const file = readFileSync(new URL("../../docs/messages.md", import.meta.url), "utf8");
    expect(file).toBe(renderExamples());
  });
});
