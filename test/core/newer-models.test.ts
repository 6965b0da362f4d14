import { describe, expect, it } from "vitest";
import { checkVideoCommand } from "../../src/core/index.ts";

// A model added as one catalog entry (C1) is validated by the same rules, and every message
// names it correctly: what it lacks, and where the other models differ.

describe("a newer model from the catalog: C1", () => {
  it.each([
    ["fox model:c1 duration:12 ratio:21:9 quality:1080p audio:off", "c1"],
    ["fox --model pixverse-c1 --dur 1", "c1"],
  ])("GIVEN %s THEN accepted as %s", (text, model) => {
    expect(checkVideoCommand(text)).toMatchObject({ ok: true, request: { model } });
  });

  it.each([
    ["fox model:c2", "invalid_model", "model", "c1", "choose v5.6, v6 or c1. Did you mean c1?"],
    [
      "fox model:c1 style:comic",
      "unsupported_combination",
      "style",
      undefined,
      "c1 has no styles; leave style out (v5.6 has styles).",
    ],
    [
      "fox model:c1 thinking:enabled",
      "unsupported_combination",
      "thinking",
      "auto",
      "c1 has no thinking switch; leave thinking out.",
    ],
    [
      "fox model:c1 motion:fast",
      "unsupported_combination",
      "motion",
      "normal",
      "c1 has no motion mode; leave motion out (v5.6 has motion:fast).",
    ],
    [
      "fox model:c1 duration:16",
      "invalid_duration",
      "duration",
      "15",
      "c1 supports 1–15 seconds; did you mean 15? v5.6 supports 5, 8 or 10.",
    ],
    [
      "fox duration:7",
      "invalid_duration",
      "duration",
      "8",
      "v5.6 supports 5, 8 or 10 seconds; did you mean 8? v6 and c1 support 1–15.",
    ],
  ] as const)("GIVEN %s THEN %s on %s, suggesting %s", (text, code, field, suggestion, message) => {
    const checked = checkVideoCommand(text);
    expect(checked.ok).toBe(false);
    const [error] = checked.ok ? [] : checked.errors;
    expect(error).toMatchObject({ code, field, ...(suggestion === undefined ? {} : { suggestion }) });
    expect(error?.message).toContain(message);
  });
});
