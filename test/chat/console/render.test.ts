import { describe, expect, it } from "vitest";
import { renderView } from "../../../src/chat/console/render.ts";
import type { View } from "../../../src/core/views/view.ts";

const view: View = {
  tone: "error",
  title: "Oops",
  blocks: [
    { kind: "text", text: "line one\nline two" },
    {
      kind: "fields",
      items: [
        ["Model", "v6"],
        ["Duration", "8 s"],
      ],
    },
    { kind: "list", items: ["first", "second"] },
    {
      kind: "table",
      headers: ["a", "bb"],
      rows: [
        ["1", "2"],
        ["333", "4"],
      ],
    },
  ],
};

describe("console render", () => {
  it("GIVEN a view without colour THEN renders plain aligned text", () => {
    expect(renderView(view, { color: false, width: 80 })).toBe(
      [
        "✗ Oops",
        "  line one",
        "  line two",
        "  Model:    v6",
        "  Duration: 8 s",
        "  • first",
        "  • second",
        "  a    bb",
        "  1    2",
        "  333  4",
      ].join("\n"),
    );
  });

  it("GIVEN a narrow terminal THEN a table becomes one card per row", () => {
    const out = renderView(
      { tone: "info", title: "T", blocks: [view.blocks[3] as View["blocks"][number]] },
      { color: false, width: 5 },
    );
    expect(out).toBe(["ℹ T", "  1", "    bb: 2", "  333", "    bb: 4"].join("\n"));
  });

  it("GIVEN colour THEN uses ANSI escapes, and none without", () => {
    expect(renderView(view, { color: true, width: 80 })).toContain("\u001b[31m");
    expect(renderView(view, { color: false, width: 80 })).not.toContain("\u001b[");
  });
});
