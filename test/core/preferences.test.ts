import { describe, expect, it } from "vitest";
import { checkVideoCommand, checkVideoOptions } from "../../src/core/command.ts";
import { checkLimits } from "../../src/core/limits.ts";
import { personalDefaults } from "../../src/core/preferences/apply.ts";
import { parsePreferArgs } from "../../src/core/preferences/prefer-args.ts";
import { DEFAULT_SETTINGS, type WorkspaceSettings } from "../../src/core/settings.ts";

// /framecast prefer's language, and how preferences meet typed options and the workspace's rules.

const settings = (over: Partial<WorkspaceSettings> = {}): WorkspaceSettings => ({
  ...DEFAULT_SETTINGS,
  ...over,
});

describe("parsePreferArgs", () => {
  it("GIVEN nothing THEN show; clear THEN all; clear with keys THEN those", () => {
    expect(parsePreferArgs("  ")).toEqual({ kind: "show" });
    expect(parsePreferArgs("clear")).toEqual({
      kind: "clear",
      keys: ["model", "quality", "ratio", "audio", "suffix"],
    });
    expect(parsePreferArgs("clear q suffix")).toEqual({ kind: "clear", keys: ["quality", "suffix"] });
  });

  it("GIVEN every key in /video's spellings THEN the values as /video reads them; the suffix runs to the next key", () => {
    expect(parsePreferArgs("model:6 q=1080P suffix:cinematic light, 35mm film ar:9:16 audio:no")).toEqual({
      kind: "set",
      change: {
        model: "v6",
        quality: "1080p",
        suffix: "cinematic light, 35mm film",
        ratio: "9:16",
        audio: false,
      },
    });
  });

  it("GIVEN a quoted suffix THEN anything inside stays text, even a key", () => {
    expect(parsePreferArgs('suffix:"shot on film, model:v6 look" quality:540p')).toEqual({
      kind: "set",
      change: { suffix: "shot on film, model:v6 look", quality: "540p" },
    });
  });

  it("GIVEN key:none THEN that preference is unset", () => {
    expect(parsePreferArgs("model:none suffix:none")).toEqual({
      kind: "set",
      change: { model: null, suffix: null },
    });
  });

  it("GIVEN mistakes THEN each named with what is allowed, nothing set", () => {
    const r = parsePreferArgs("model:v9 quality:4k ratio:7:3 audio:loud");
    expect(r.kind).toBe("invalid");
    const text = r.kind === "invalid" ? r.errors.join("\n") : "";
    expect(text).toMatch(/v9/u);
    expect(text).toMatch(/4k/u);
    expect(text).toMatch(/Ratio 7:3 isn't one any model makes: 16:9, 4:3/u);
    expect(text).toMatch(/audio:on or audio:off/u);
  });

  it("GIVEN words that aren't preferences, a too long suffix, or clear of an unknown key THEN refused with the keys", () => {
    expect(parsePreferArgs("make it pretty")).toMatchObject({ kind: "invalid" });
    expect(JSON.stringify(parsePreferArgs("make it pretty"))).toMatch(
      /model, quality, ratio, audio or suffix/u,
    );
    expect(JSON.stringify(parsePreferArgs(`suffix:${"x".repeat(301)}`))).toMatch(/at most 300 characters/u);
    expect(JSON.stringify(parsePreferArgs("clear seed"))).toMatch(/Can't clear seed/u);
  });
});

describe("preferences in a /video", () => {
  const prefs = {
    model: "v6",
    quality: "540p",
    ratio: "21:9",
    audio: false,
    suffix: "cinematic light",
  } as const;

  it("GIVEN preferences and a bare prompt THEN each applies, the suffix after the prompt", () => {
    const checked = checkVideoCommand("a fox in snow", undefined, personalDefaults(prefs, settings()));
    expect(checked.ok && checked.request).toMatchObject({
      model: "v6",
      quality: "540p",
      ratio: "21:9",
      audio: false,
      prompt: "a fox in snow, cinematic light",
    });
    expect(checked.ok && checked.notes).toBeUndefined();
  });

  it("GIVEN typed options THEN they win over preferences, on the text and the Discord path alike", () => {
    const defaults = personalDefaults(prefs, settings());
    const typed = checkVideoCommand("a fox. model:v5.6 q:720p ar:1:1 audio:on", undefined, defaults);
    expect(typed.ok && typed.request).toMatchObject({
      model: "v5.6",
      quality: "720p",
      ratio: "1:1",
      audio: true,
      prompt: "a fox. cinematic light",
    });
    const discord = checkVideoOptions({ prompt: "a fox", model: "v5.6", audio: true }, undefined, defaults);
    expect(discord.ok && discord.request).toMatchObject({ model: "v5.6", audio: true, quality: "540p" });
  });

  it("GIVEN a preference over the workspace's default THEN the person's wins", () => {
    const defaults = personalDefaults(
      { model: "v6" },
      settings({ defaultModel: "c1", defaultQuality: "360p" }),
    );
    const checked = checkVideoCommand("a fox", undefined, defaults);
    expect(checked.ok && checked.request).toMatchObject({ model: "v6", quality: "360p" });
  });

  it("GIVEN limits the preferences break THEN the workspace wins and the request says why", () => {
    const limited = settings({ allowedModels: ["v5.6"], maxQuality: "720p", blockedWords: ["light"] });
    const checked = checkVideoCommand(
      "a fox",
      undefined,
      personalDefaults({ ...prefs, quality: "1080p" }, limited),
    );
    expect(checked.ok && checked.request).toMatchObject({ model: "v5.6", quality: "720p", prompt: "a fox" });
    expect(checked.ok && checked.notes).toEqual([
      "Your preferred model v6 isn't allowed in this workspace (an admin allows v5.6), so it wasn't used.",
      "Your preferred quality 1080p is above this workspace's highest, 720p (set by an admin), so it wasn't used.",
      "Your prompt suffix has \"light\", which this workspace doesn't allow, so it wasn't added: change it with /framecast prefer suffix:…",
      "Your preferred ratio 21:9 isn't available on v5.6, so its default was used.",
    ]);
  });

  it("GIVEN a typed model where the preferred one is set aside THEN no note about the preference", () => {
    const limited = settings({ allowedModels: ["v5.6"] });
    const checked = checkVideoCommand(
      "a fox model:v5.6",
      undefined,
      personalDefaults({ model: "v6" }, limited),
    );
    expect(checked.ok && checked.notes).toBeUndefined();
  });

  it("GIVEN a picture THEN the preferred ratio gives way to its shape, and says so", () => {
    const checked = checkVideoCommand(
      "a fox image:https://cdn.discordapp.com/a.png",
      undefined,
      personalDefaults({ ratio: "9:16" }, settings()),
    );
    expect(checked.ok && checked.request.ratio).toBeNull();
    expect(checked.ok && checked.notes?.[0]).toMatch(/with a picture, its shape decides/u);
  });

  it("GIVEN an error a preference caused THEN the error names the preference", () => {
    const checked = checkVideoCommand(
      "a fox duration:10",
      undefined,
      personalDefaults({ quality: "1080p" }, settings()),
    );
    expect(checked.ok ? "" : checked.errors[0]?.message).toMatch(
      /1080p is your preferred quality \(\/framecast prefer\)/u,
    );
  });

  it("GIVEN workspace limits and typed options beyond them THEN checkLimits refuses, naming what to use", () => {
    const limits = { allowedModels: ["v5.6"], maxQuality: "540p" };
    expect(checkLimits(limits, { model: "v6", quality: "1080p" })).toBe(
      "This workspace allows only v5.6 (set by an admin), not v6: use model:v5.6. This workspace allows up to 540p (set by an admin), not 1080p: use quality:540p. Nothing was charged.",
    );
    expect(checkLimits(limits, { model: "v5.6", quality: "360p" })).toBeUndefined();
  });

  it("GIVEN limits and no defaults THEN the built-in defaults are kept inside them", () => {
    const d = personalDefaults({}, settings({ allowedModels: ["v6"], maxQuality: "540p" }));
    expect(d).toMatchObject({ model: "v6", quality: "540p" });
  });
});
