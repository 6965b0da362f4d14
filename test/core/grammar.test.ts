import { describe, expect, it } from "vitest";
import {
  checkedCommandJson,
  checkVideoCommand,
  type VideoRequest,
  videoRequestSchema,
} from "../../src/core/index.ts";

// Parsing successes: each row is a command and the part of the request it must produce.

/** Part of the expected request; keys are checked, values compared at run time. */
type Case = { text: string; expect: Partial<Record<keyof VideoRequest, string | number | boolean | null>> };

const U1 = "https://x.y/a.png";
const U2 = "https://x.y/b.png";
const fox = { prompt: "fox" } as const;
const label = (text: string): string =>
  [...text].length > 70 ? `${[...text].slice(0, 20).join("")}… (${[...text].length} code points)` : text;

const PROMPTS: Case[] = [
  { text: "a fox in snow", expect: { prompt: "a fox in snow", duration: 5 } },
  {
    text: "prompt:a fox in snow duration:8 ratio:9:16",
    expect: { prompt: "a fox in snow", duration: 8, ratio: "9:16" },
  },
  {
    text: "prompt:a poster in 9:16 format duration:8",
    expect: { prompt: "a poster in 9:16 format", duration: 8, ratio: "16:9" },
  },
  {
    text: "a fox in snow --ar 9:16 --dur 8",
    expect: { prompt: "a fox in snow", duration: 8, ratio: "9:16" },
  },
  { text: "duration:8 a fox in snow", expect: { prompt: "a fox in snow", duration: 8 } },
  { text: "prompt: a fox", expect: { prompt: "a fox" } },
  { text: "prompt=a fox", expect: { prompt: "a fox" } },
  { text: "prompt= a fox duration:8", expect: { prompt: "a fox", duration: 8 } },
  { text: "--prompt=a fox duration:8", expect: { prompt: "a fox", duration: 8 } },
  { text: "--prompt a fox --dur 8", expect: { prompt: "a fox", duration: 8 } },
  { text: '--prompt "a fox" --dur 8', expect: { prompt: "a fox", duration: 8 } },
  { text: "prompt:a fox at:noon duration:8", expect: { prompt: "a fox at:noon", duration: 8 } },
  { text: "prompt:a fox --neg blur", expect: { prompt: "a fox", negativePrompt: "blur" } },
  { text: "neg:blur duration:8 a fox", expect: { prompt: "a fox", negativePrompt: "blur", duration: 8 } },
  { text: "neg:blur at:noon duration:8 a fox", expect: { prompt: "a fox", negativePrompt: "blur at:noon" } },
  {
    text: "fox --neg blurry faces --dur 8",
    expect: { prompt: "fox", negativePrompt: "blurry faces", duration: 8 },
  },
];

const QUOTES: Case[] = [
  { text: '"a fox duration:8"', expect: { prompt: "a fox duration:8", duration: 5 } },
  { text: "“a fox duration:8”", expect: { prompt: "a fox duration:8", duration: 5 } },
  { text: "‘a fox’ dur:8", expect: { prompt: "a fox", duration: 8 } },
  { text: "„a fox” duration:8", expect: { prompt: "a fox", duration: 8 } },
  { text: "a fox “duration:8” in snow", expect: { prompt: "a fox duration:8 in snow", duration: 5 } },
  { text: "prompt:“a fox” duration:8", expect: { prompt: "a fox", duration: 8 } },
  { text: "prompt:'a fox's den' dur:8", expect: { prompt: "a fox's den", duration: 8 } },
  { text: "fox neg:'blurry, dark'", expect: { prompt: "fox", negativePrompt: "blurry, dark" } },
  { text: 'fox neg:"blurry, dark" ratio:1:1', expect: { negativePrompt: "blurry, dark", ratio: "1:1" } },
  { text: 'neg:"blur" a fox', expect: { prompt: "a fox", negativePrompt: "blur" } },
  { text: '--neg="blurry, dark" fox', expect: { prompt: "fox", negativePrompt: "blurry, dark" } },
  { text: "fox --neg ‘blurry, dark’", expect: { prompt: "fox", negativePrompt: "blurry, dark" } },
  { text: "fox ratio:‘9:16’", expect: { ...fox, ratio: "9:16" } },
  { text: 'fox ratio="9:16"', expect: { ...fox, ratio: "9:16" } },
  { text: 'fox --ar "9:16"', expect: { ...fox, ratio: "9:16" } },
  { text: 'fox duration:"8"', expect: { ...fox, duration: 8 } },
  { text: "the fox's den", expect: { prompt: "the fox's den" } },
  { text: "the foxes' den", expect: { prompt: "the foxes' den" } },
  { text: "it's a fox's den at dawn dur:8", expect: { prompt: "it's a fox's den at dawn", duration: 8 } },
  { text: '"unterminated fox', expect: { prompt: '"unterminated fox' } },
  { text: "“unterminated fox duration:8", expect: { prompt: "“unterminated fox", duration: 8 } },
  { text: 'fox neg:"blurry dark', expect: { prompt: "fox", negativePrompt: '"blurry dark' } },
];

const TEXT: Case[] = [
  { text: "at:noon a fox", expect: { prompt: "at:noon a fox" } },
  { text: "Title: Sunset over the sea", expect: { prompt: "Title: Sunset over the sea" } },
  { text: "mood:happy fox", expect: { prompt: "mood:happy fox" } },
  { text: "a fox at 8:30 am duration:8", expect: { prompt: "a fox at 8:30 am", duration: 8 } },
  { text: "a happy fox :)", expect: { prompt: "a happy fox :)" } },
  { text: "Note: a fox at noon", expect: { prompt: "Note: a fox at noon" } },
  { text: "Area: downtown at night", expect: { prompt: "Area: downtown at night" } },
  { text: "a rock 'n' roll fox", expect: { prompt: "a rock 'n' roll fox" } },
  { text: "a fox on https://x.y", expect: { prompt: "a fox on https://x.y", firstFrame: null } },
  { text: "see http://x.y/a?b=c:d for a fox", expect: { prompt: "see http://x.y/a?b=c:d for a fox" } },
  { text: "/video a fox", expect: { prompt: "a fox" } },
  { text: "/VIDEO a fox duration:8", expect: { prompt: "a fox", duration: 8 } },
  { text: "  /video   a fox", expect: { prompt: "a fox" } },
  { text: "/video duration:8 a fox", expect: { prompt: "a fox", duration: 8 } },
  { text: "/videos of a fox", expect: { prompt: "/videos of a fox" } },
  { text: "a fox /video", expect: { prompt: "a fox /video" } },
  { text: "富士山の上を飛ぶ狐 duration:8", expect: { prompt: "富士山の上を飛ぶ狐", duration: 8 } },
  { text: "ثعلب في الثلج", expect: { prompt: "ثعلب في الثلج" } },
  { text: "👨‍👩‍👧 family 🦊 --ar 1:1", expect: { prompt: "👨‍👩‍👧 family 🦊", ratio: "1:1" } },
  { text: "prompt:雪の中の狐 neg:ぼやけた", expect: { prompt: "雪の中の狐", negativePrompt: "ぼやけた" } },
  { text: "a fox\nduration:8\tratio:1:1", expect: { prompt: "a fox", duration: 8, ratio: "1:1" } },
  { text: "a".repeat(2048), expect: { prompt: "a".repeat(2048) } },
  { text: "🦊".repeat(2048), expect: { prompt: "🦊".repeat(2048) } },
  { text: `prompt:${"é".repeat(2048)} dur:8`, expect: { prompt: "é".repeat(2048), duration: 8 } },
  { text: `  ${"a".repeat(2048)}  `, expect: { prompt: "a".repeat(2048) } },
  { text: `fox neg:${"b".repeat(2048)}`, expect: { ...fox, negativePrompt: "b".repeat(2048) } },
];

const SPELLINGS: Case[] = [
  { text: "fox duration=8", expect: { ...fox, duration: 8 } },
  { text: "fox duration= 8", expect: { ...fox, duration: 8 } },
  { text: "fox duration: 8", expect: { ...fox, duration: 8 } },
  { text: "fox --duration 8", expect: { ...fox, duration: 8 } },
  { text: "fox --duration=8", expect: { ...fox, duration: 8 } },
  { text: "fox --dur= 8", expect: { ...fox, duration: 8 } },
  { text: "fox --ar= 9:16", expect: { ...fox, ratio: "9:16" } },
  { text: "fox ratio= 9:16", expect: { ...fox, ratio: "9:16" } },
  { text: "fox audio= off", expect: { ...fox, audio: false } },
  { text: "fox neg= blur", expect: { ...fox, negativePrompt: "blur" } },
  { text: "fox DURATION:8", expect: { ...fox, duration: 8 } },
  { text: "fox --AR 9:16", expect: { ...fox, ratio: "9:16" } },
  { text: "fox --Duration 8", expect: { ...fox, duration: 8 } },
  { text: "fox Dur:8s", expect: { ...fox, duration: 8 } },
  { text: "PROMPT:cat NEG:dog", expect: { prompt: "cat", negativePrompt: "dog" } },
  {
    text: `fox Last_Frame:${U2} IMAGE:${U1}`,
    expect: { ...fox, mode: "transition", firstFrame: U1, lastFrame: U2 },
  },
  { text: `fox START-IMAGE:${U1}`, expect: { ...fox, firstFrame: U1 } },
  { text: "fox —ar 9:16", expect: { ...fox, ratio: "9:16" } },
  { text: "fox –dur 8", expect: { ...fox, duration: 8 } },
];

const ALIASES: Case[] = [
  ...["ratio", "ar", "aspect", "aspect_ratio"].map((k) => ({
    text: `fox ${k}:9:16`,
    expect: { ...fox, ratio: "9:16" },
  })),
  ...["duration", "dur", "d"].map((k) => ({ text: `fox ${k}:8`, expect: { ...fox, duration: 8 } })),
  ...["quality", "q", "res", "resolution"].map((k) => ({
    text: `fox ${k}:540p`,
    expect: { ...fox, quality: "540p" },
  })),
  ...["negative", "neg", "no", "negative_prompt"].map((k) => ({
    text: `fox ${k}:blur, noise dur:8`,
    expect: { ...fox, negativePrompt: "blur, noise", duration: 8 },
  })),
  ...["image", "first_frame", "start_image"].map((k) => ({
    text: `fox ${k}:${U1}`,
    expect: { ...fox, mode: "image-to-video", firstFrame: U1, lastFrame: null, ratio: null },
  })),
  ...["last_image", "last_frame", "end_image"].map((k) => ({
    text: `fox image:${U1} ${k}:${U2}`,
    expect: { ...fox, mode: "transition", firstFrame: U1, lastFrame: U2, ratio: null },
  })),
  { text: "fox motion_mode:fast", expect: { ...fox, motion: "fast" } },
  { text: "fox thinking_type:disabled", expect: { ...fox, thinking: "disabled" } },
  ...["v5.6", "5.6", "pixverse-v5.6", "pixverse/v5.6", "PixVerse-V5.6"].map((m) => ({
    text: `fox model:${m}`,
    expect: { ...fox, model: "v5.6" },
  })),
  ...["v6", "6", "pixverse-v6", "pixverse/v6", "V6", "--model v6"].map((m) => ({
    text: m.startsWith("--") ? `fox ${m}` : `fox model:${m}`,
    expect: { ...fox, model: "v6" },
  })),
  ...["c1", "C1", "pixverse-c1", "pixverse/c1", "--model c1"].map((m) => ({
    text: m.startsWith("--") ? `fox ${m}` : `fox model:${m}`,
    expect: { ...fox, model: "c1" },
  })),
  ...[
    ["on", true],
    ["off", false],
    ["true", true],
    ["false", false],
    ["yes", true],
    ["no", false],
    ["OFF", false],
    ["True", true],
  ].map(([v, audio]) => ({ text: `fox audio:${v}`, expect: { ...fox, audio: audio as boolean } })),
  { text: "fox --audio", expect: { ...fox, audio: true } },
  { text: "fox --audio off", expect: { ...fox, audio: false } },
  { text: "fox --audio no dogs", expect: { prompt: "fox dogs", audio: false } },
  { text: "fox --audio=false", expect: { ...fox, audio: false } },
  { text: "fox duration:8s", expect: { ...fox, duration: 8 } },
  { text: "fox --dur 10s", expect: { ...fox, duration: 10 } },
  { text: "fox duration:8sec", expect: { ...fox, duration: 8 } },
];

const VALUES: Case[] = [
  ...["16:9", "4:3", "1:1", "3:4", "9:16"].map((r) => ({
    text: `fox ratio:${r}`,
    expect: { ...fox, ratio: r },
  })),
  ...["360p", "540p", "720p", "1080p"].map((q) => ({
    text: `fox quality:${q}`,
    expect: { ...fox, quality: q },
  })),
  ...["anime", "3d_animation", "clay", "comic", "cyberpunk"].map((s) => ({
    text: `fox style:${s}`,
    expect: { ...fox, style: s },
  })),
  ...["auto", "enabled", "disabled"].map((t) => ({
    text: `fox thinking:${t}`,
    expect: { ...fox, thinking: t },
  })),
  { text: "fox seed:0", expect: { ...fox, seed: 0 } },
  { text: "fox seed:2147483647", expect: { ...fox, seed: 2147483647 } },
  { text: "fox --seed 42", expect: { ...fox, seed: 42 } },
  { text: "fox seed:random", expect: { ...fox, seed: null } },
  { text: "fox quality:1080p duration:8", expect: { ...fox, quality: "1080p", duration: 8 } },
  { text: "fox quality:1080p", expect: { ...fox, quality: "1080p", duration: 5 } },
  { text: "fox quality:720p duration:10", expect: { ...fox, quality: "720p", duration: 10 } },
  { text: "fox motion:fast", expect: { ...fox, motion: "fast", duration: 5, quality: "720p" } },
  { text: "fox motion:fast quality:540p", expect: { ...fox, motion: "fast", quality: "540p" } },
  { text: "fox --motion fast --q 360p --dur 5", expect: { ...fox, motion: "fast", quality: "360p" } },
  { text: "fox motion:normal duration:10", expect: { ...fox, motion: "normal", duration: 10 } },
  { text: "fox --style anime --motion fast", expect: { ...fox, style: "anime", motion: "fast" } },
];

const V6: Case[] = [
  ...[1, 7, 12, 15].map((d) => ({
    text: `fox model:v6 duration:${d}`,
    expect: { ...fox, model: "v6", duration: d },
  })),
  ...["2:3", "3:2", "21:9", "9:16"].map((r) => ({
    text: `fox model:v6 ratio:${r}`,
    expect: { model: "v6", ratio: r },
  })),
  { text: "fox model:v6 quality:1080p duration:10", expect: { model: "v6", quality: "1080p", duration: 10 } },
  { text: "fox model:v6 quality:1080p duration:15", expect: { model: "v6", quality: "1080p", duration: 15 } },
  { text: "fox model:v6 motion:normal", expect: { model: "v6", motion: "normal" } },
  { text: "fox --model v6 --dur 12 --ar 21:9", expect: { model: "v6", duration: 12, ratio: "21:9" } },
  { text: `fox model:v6 image:${U1}`, expect: { model: "v6", mode: "image-to-video", ratio: null } },
];

const IMAGES: Case[] = [
  { text: `fox image:${U1} ratio:9:16`, expect: { mode: "image-to-video", firstFrame: U1, ratio: "9:16" } },
  {
    text: `fox --image https://x.y/a.png`,
    expect: { mode: "image-to-video", firstFrame: "https://x.y/a.png" },
  },
  { text: `fox image:<${U1}>`, expect: { mode: "image-to-video", firstFrame: U1 } },
  {
    text: `fox --last-image ${U2} --image ${U1}`,
    expect: { mode: "transition", firstFrame: U1, lastFrame: U2 },
  },
  { text: `fox start_image:${U1} end_image:${U2} ratio:1:1`, expect: { mode: "transition", ratio: "1:1" } },
];

const CASES: Case[] = [...PROMPTS, ...QUOTES, ...TEXT, ...SPELLINGS, ...ALIASES, ...VALUES, ...V6, ...IMAGES];

describe("command grammar", () => {
  it.each(CASES.map((c) => ({ ...c, name: label(c.text) })))(
    "GIVEN $name THEN the request has the parsed values",
    ({ text, expect: want }) => {
      const checked = checkVideoCommand(text);
      expect(checked.ok, JSON.stringify(checked.ok ? null : checked.errors)).toBe(true);
      if (!checked.ok) return;
      expect(checked.request).toMatchObject(want);
      expect(() => videoRequestSchema.parse(checked.request)).not.toThrow();
    },
  );

  it("GIVEN a bare prompt THEN every other field takes its default", () => {
    const checked = checkVideoCommand("a fox");
    expect(checked).toEqual({
      ok: true,
      request: {
        model: "v5.6",
        mode: "text-to-video",
        prompt: "a fox",
        negativePrompt: null,
        duration: 5,
        ratio: "16:9",
        quality: "720p",
        audio: true,
        seed: null,
        style: null,
        motion: "normal",
        thinking: "auto",
        shots: false,
        firstFrame: null,
        lastFrame: null,
      },
      cost: { credits: 35, usdCents: 35 },
    });
  });
});

describe("checkedCommandJson for an accepted command", () => {
  it("GIVEN a valid command THEN the JSON has exactly ok, request and cost, keys in a fixed order", () => {
    const json = checkedCommandJson(checkVideoCommand(`a fox duration:8 image:${U1} seed:7`));
    expect(Object.keys(json)).toEqual(["ok", "request", "cost"]);
    const fields =
      "model mode prompt negativePrompt duration ratio quality audio seed style motion thinking shots";
    expect(Object.keys(json.request as object)).toEqual([...fields.split(" "), "firstFrame", "lastFrame"]);
    expect(json).toMatchObject({
      ok: true,
      request: { prompt: "a fox", duration: 8, seed: 7, mode: "image-to-video", firstFrame: U1, ratio: null },
      cost: { credits: 56, usdCents: 56 },
    });
    expect(Object.keys(json.cost as object)).toEqual(["credits", "usdCents"]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
