import { describe, expect, it } from "vitest";
import { checkVideoOptions } from "../../src/core/command.ts";
import { checkedCommandJson, checkVideoCommand, ERROR_CODES, type ErrorCode } from "../../src/core/index.ts";
import { DEFAULT_PRICING } from "../../src/core/pricing.ts";

// Error cases: each row is a command and every error it must report (as code/field pairs, in any
// order), with the nearest valid value of the first listed error and a piece of its message.

type Case = { text: string; codes: ErrorCode[]; fields: string[]; suggestion?: string; message?: string };

const U1 = "https://x.y/a.png";
const U2 = "https://x.y/b.png";
const label = (text: string): string =>
  [...text].length > 70 ? `${[...text].slice(0, 20).join("")}… (${[...text].length} code points)` : text;
const one = (code: ErrorCode, field: string, rows: [string, string?, string?][]): Case[] =>
  rows.map(([text, suggestion, message]) => ({ text, codes: [code], fields: [field], suggestion, message }));

const CASES: Case[] = [
  ...one("missing_prompt", "prompt", [["", undefined, "Describe the video"], ["   "], ["\n\t "], ["/video"]]),
  ...one("missing_prompt", "prompt", [
    ["/video   "],
    ["prompt:"],
    ["duration:8"],
    ["neg:blur --ar 9:16"],
    ['""'],
  ]),
  ...one("prompt_too_long", "prompt", [
    ["a".repeat(2049), undefined, "2049 characters; the limit is 2048"],
    ["🦊".repeat(2049)],
    [`prompt:${"a".repeat(2049)} duration:8`],
  ]),
  ...one("prompt_too_long", "negativePrompt", [
    [`fox neg:${"b".repeat(2049)}`],
    [`fox --no ${"😀".repeat(2049)}`],
  ]),
  ...one("invalid_duration", "duration", [
    ["fox duration:7", "8", "v5.6 supports 5, 8 or 10 seconds; did you mean 8? v6 and c1 support 1–15."],
    ["fox duration:4", "5"],
    ["fox duration:9", "8"],
    ["fox duration:99", "10"],
    ["fox --dur 6s", "5"],
    ["fox model:v6 duration:16", "15", "v6 supports 1–15 seconds"],
    ["fox duration:abc"],
    ["fox duration:", undefined, "needs a value"],
    ["fox --duration"],
    ["fox duration:-3", "5", "Duration -3 s isn't available. v5.6 supports 5, 8 or 10 seconds"],
    ["fox duration:8.5", "8"],
    ["fox model:v6 duration:15.5", "15"],
    ["fox duration:0", "5"],
    [
      "fox model:v6 duration:0",
      "1",
      "Duration 0 s isn't available. v6 supports 1–15 seconds; did you mean 1?",
    ],
  ]),
  ...one("invalid_negative", "negativePrompt", [
    ["fox neg:", undefined, "negative needs a value, e.g. negative:people, text."],
    ["fox --neg"],
    ["fox --no --ar 9:16"],
  ]),
  ...one("invalid_ratio", "ratio", [
    ["fox ratio:21:9", "16:9", "v6 and c1 support 21:9"],
    ["fox ratio:2:3", "3:4"],
    ["fox --ar 3:2", "4:3"],
    ["fox ratio:16:10", "16:9"],
    ["fox model:v6 ratio:5:4", "4:3"],
    [`fox image:${U1} ratio:21:9`, "16:9"],
    ["fox ratio:wide"],
    ["fox ratio:"],
    ["fox ratio:0:0"],
    ["fox ratio:1:0"],
  ]),
  ...one("invalid_quality", "quality", [
    ["fox quality:1440p", "1080p"],
    ["fox q:500p", "540p"],
    ["fox quality:uhd", "1080p"],
    ["fox quality:4k", "1080p"],
    ["fox quality:best"],
    ["fox res:"],
  ]),
  ...one("invalid_model", "model", [
    ["fox model:v7", "v6"],
    ["fox model:v5.5", "v5.6"],
    [
      "fox model:pixverse-v5",
      "v5.6",
      'Model "pixverse-v5" isn\'t available; choose v5.6, v6 or c1. Did you mean v5.6?',
    ],
    ["fox model:5", "v5.6"],
    ["fox model:gpt"],
    ["fox model:"],
  ]),
  ...one("invalid_audio", "audio", [["fox audio:maybe"], ["fox audio:"], ["fox audio:nope", "no"]]),
  ...one("invalid_seed", "seed", [
    ["fox seed:-1", "0"],
    ["fox seed:2147483648", "2147483647"],
    ["fox seed:abc"],
    ["fox seed:1.5"],
    ["fox seed:"],
  ]),
  ...one("invalid_style", "style", [["fox style:watercolor"], ["fox style:anim", "anime"]]),
  ...one("invalid_motion", "motion", [["fox motion:slow"], ["fox motion:fst", "fast"]]),
  ...one("invalid_thinking", "thinking", [["fox thinking:maybe"], ["fox thinking:autoo", "auto"]]),
  ...one("invalid_image", "firstFrame", [
    ["fox image:notaurl"],
    ["fox image:ftp://x.y/a"],
    ["fox image:"],
    ["fox image:http://x.y/a.png"],
  ]),
  ...one("invalid_image", "lastFrame", [[`fox image:${U1} last_image:nope`]]),
  ...one("missing_first_frame", "lastFrame", [
    [`fox last_image:${U2}`, undefined, "needs a first frame"],
    [`fox last_frame:${U2}`],
    [`fox end_image:${U2}`],
  ]),
  ...one("unsupported_combination", "quality", [
    ["fox quality:1080p duration:10", "720p", "1080p"],
    ["fox --q 1080p --dur 10s"],
  ]),
  ...one("unsupported_combination", "motion", [
    ["fox motion:fast duration:8", "5"],
    ["fox motion:fast duration:10", "5"],
    ["fox motion:fast quality:1080p", "720p"],
    ["fox model:v6 motion:fast", "normal"],
    ["fox model:6 motion_mode:fast duration:5"],
  ]),
  ...one("unsupported_combination", "style", [["fox model:v6 style:anime"], ["fox model:v6 style:clay"]]),
  ...one("unknown_option", "durr", [
    ["fox --durr 8", "duration", '"--durr"'],
    ["fox --durr=8", "duration"],
  ]),
  ...one("unknown_option", "DURR", [["fox --DURR 8", "duration"]]),
  ...one("unknown_option", "durr", [["fox —durr 8", "duration", '"--durr"']]),
  ...one("unknown_option", "qualty", [
    ["fox --qualty 720p", "quality"],
    ["fox qualty:720p", "quality"],
  ]),
  ...one("unknown_option", "aspectratio", [["fox --aspectratio 1:1", "ratio"]]),
  ...one("unknown_option", "foo", [["fox --foo 8"]]),
  ...one("unknown_option", "x", [["fox --x 5", undefined, "Options are prompt, negative, duration"]]),
  ...one("unknown_option", "zzzzzz", [["fox --zzzzzz"]]),
  ...one("unknown_option", "durration", [
    ["fox durration:8", "duration", 'Unknown option "durration:". Did you mean "duration:"?'],
    ["fox durration=8", "duration", 'Unknown option "durration=". Did you mean "duration="?'],
  ]),
  ...one("unknown_option", "no-audio", [["fox --no-audio", "audio", 'Did you mean "--audio off"?']]),
  ...one("unknown_option", "no_audio", [["fox --no_audio"]]),
  ...one("unknown_option", "ration", [["fox ration:9:16", "ratio"]]),
  ...one("unknown_option", "negativ", [["fox negativ:blur", "negative"]]),
  ...one("unknown_option", "modle", [["fox modle:v6", "model"]]),
  ...one("unknown_option", "sead", [["fox sead:5", "seed"]]),
  ...one("unknown_option", "Durration", [["fox Durration:8", "duration"]]),
  ...one("duplicate_option", "duration", [
    ["dur:5 duration:8 fox"],
    ["fox duration:8 duration:8"],
    ["fox DURATION:8 d:5"],
  ]),
  ...one("duplicate_option", "ratio", [["fox ar:9:16 aspect:1:1"], ["fox --ar 9:16 ratio:9:16"]]),
  ...one("duplicate_option", "quality", [["fox q:720p res:540p"]]),
  ...one("duplicate_option", "negativePrompt", [["fox neg:blur no:dark"]]),
  ...one("duplicate_option", "firstFrame", [[`fox image:${U1} first_frame:${U2}`]]),
  ...one("duplicate_option", "lastFrame", [[`fox image:${U1} last_image:${U2} end_image:${U2}`]]),
  ...one("duplicate_option", "seed", [["fox seed:1 seed:2"]]),
  ...one("duplicate_option", "prompt", [
    ["a fox prompt:cat"],
    ['prompt:"cat" a fox'],
    ["fox --prompt cat"],
    ["prompt:a prompt:b"],
    ['"a fox" prompt:cat'],
  ]),
  {
    text: "fox duration:7 ratio:2:3 quality:4k",
    codes: ["invalid_duration", "invalid_ratio", "invalid_quality"],
    fields: ["duration", "ratio", "quality"],
    suggestion: "8",
  },
  {
    text: "fox durration:8 ration:9:16 negativ:blur",
    codes: ["unknown_option", "unknown_option", "unknown_option"],
    fields: ["durration", "ration", "negativ"],
    suggestion: "duration",
  },
  { text: "durration:8", codes: ["unknown_option", "missing_prompt"], fields: ["durration", "prompt"] },
  {
    text: "a fox prompt:cat seed:-1 style:watercolor",
    codes: ["duplicate_option", "invalid_seed", "invalid_style"],
    fields: ["prompt", "seed", "style"],
  },
  {
    text: `prompt:${"a".repeat(2049)} neg:${"b".repeat(2049)} duration:7`,
    codes: ["prompt_too_long", "prompt_too_long", "invalid_duration"],
    fields: ["prompt", "negativePrompt", "duration"],
  },
  {
    text: "fox motion:fast duration:10 quality:1080p",
    codes: ["unsupported_combination", "unsupported_combination", "unsupported_combination"],
    fields: ["quality", "motion", "motion"],
  },
  {
    text: "fox model:v6 style:anime motion:fast",
    codes: ["unsupported_combination", "unsupported_combination"],
    fields: ["style", "motion"],
  },
  {
    text: `--foo 1 dur:5 duration:8 audio:maybe thinking:x last_image:${U2} cat`,
    codes: ["unknown_option", "duplicate_option", "invalid_audio", "invalid_thinking", "missing_first_frame"],
    fields: ["foo", "duration", "audio", "thinking", "lastFrame"],
  },
  { text: "", codes: ["missing_prompt"], fields: ["prompt"] },
];

const pairs = (codes: readonly string[], fields: readonly string[]): string[] =>
  codes.map((c, i) => `${c} @ ${fields[i]}`).sort();

describe("command errors", () => {
  it.each(CASES.map((c) => ({ ...c, name: label(c.text) })))(
    "GIVEN $name THEN it reports $codes on $fields",
    ({ text, codes, fields, suggestion, message }) => {
      const checked = checkVideoCommand(text);
      expect(checked.ok).toBe(false);
      if (checked.ok) return;
      const errors = checked.errors;
      expect(
        pairs(
          errors.map((e) => e.code),
          errors.map((e) => e.field),
        ),
      ).toEqual(pairs(codes, fields));
      for (const e of errors) {
        expect(ERROR_CODES).toContain(e.code);
        expect(e.field).not.toBe("");
        expect(e.message).not.toBe("");
        expect(e.message).not.toMatch(/\b(?:undefined|null|NaN|Infinity)\b/u);
      }
      const first = errors.find((e) => e.code === codes[0] && e.field === fields[0]);
      if (suggestion !== undefined) expect(first?.suggestion).toBe(suggestion);
      if (message !== undefined) expect(first?.message).toContain(message);
    },
  );
});

describe("checkedCommandJson for a refused command", () => {
  it("GIVEN errors THEN each has only code, field, message and the optional allowed and suggestion", () => {
    const json = checkedCommandJson(checkVideoCommand("fox duration:7 --durr 8 dur:5 seed:abc"));
    expect(Object.keys(json)).toEqual(["ok", "errors"]);
    expect(json.ok).toBe(false);
    const errors = json.errors as Record<string, unknown>[];
    expect(errors.length).toBeGreaterThanOrEqual(3);
    for (const e of errors) {
      expect(Object.keys(e).slice(0, 3)).toEqual(["code", "field", "message"]);
      for (const key of Object.keys(e))
        expect(["code", "field", "message", "allowed", "suggestion"]).toContain(key);
    }
    expect(errors).toContainEqual(
      expect.objectContaining({ code: "unknown_option", field: "durr", suggestion: "duration" }),
    );
    expect(errors.find((e) => e.code === "duplicate_option")).toEqual({
      code: "duplicate_option",
      field: "duration",
      message: expect.any(String),
    });
  });

  it("GIVEN duration:7 on v5.6 THEN the JSON error names allowed durations and suggests 8", () => {
    expect(checkedCommandJson(checkVideoCommand("a fox duration:7"))).toEqual({
      ok: false,
      errors: [
        {
          code: "invalid_duration",
          field: "duration",
          message:
            "Duration 7 s isn't available. v5.6 supports 5, 8 or 10 seconds; did you mean 8? v6 and c1 support 1–15.",
          allowed: ["5", "8", "10"],
          suggestion: "8",
        },
      ],
    });
  });
});

describe("errors a workspace's default caused", () => {
  it("GIVEN an admin's default quality of 1080p and a v5.6 10 s video THEN the error says the 1080p is the default, and what to add", () => {
    const checked = checkVideoCommand("fox duration:10", DEFAULT_PRICING, { quality: "1080p" });
    expect(checked.ok ? [] : checked.errors.map((e) => e.message)).toEqual([
      "v5.6 can't make 10-second videos at 1080p; use 5 or 8 seconds at 1080p, or 720p for 10 seconds. 1080p is this workspace's default quality (set by an admin): add quality:720p to choose another.",
    ]);
  });

  it("GIVEN an admin's default model v6 and a style THEN the error says v6 is the default; typed options say nothing of defaults", () => {
    const checked = checkVideoOptions({ prompt: "fox", style: "anime" }, DEFAULT_PRICING, { model: "v6" });
    expect(checked.ok ? "" : checked.errors[0]?.message).toBe(
      "v6 has no styles; leave style out (v5.6 has styles). v6 is this workspace's default model (set by an admin): add model:v5.6 to use v5.6.",
    );
    const typed = checkVideoCommand("fox duration:10 quality:1080p", DEFAULT_PRICING, { quality: "1080p" });
    expect(typed.ok ? "" : typed.errors[0]?.message).not.toContain("default");
  });
});
