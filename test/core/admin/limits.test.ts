import { describe, expect, it } from "vitest";
import { parseAdminCommand } from "../../../src/core/admin/command.ts";
import { settingsChange } from "../../../src/core/admin/settings-change.ts";
import { DEFAULT_SETTINGS } from "../../../src/core/settings.ts";

// `/framecast admin limits`: which models, and the highest quality, a workspace allows.

const applied = (text: string, current = DEFAULT_SETTINGS) => {
  const parsed = parseAdminCommand(text);
  if (!parsed.ok) throw new Error(parsed.message);
  const change = settingsChange(parsed.command);
  if (change === undefined) throw new Error("no change");
  return change.ok ? { ...current, ...change.change(current) } : change.message;
};

describe("admin limits", () => {
  it("GIVEN models and a quality as /video spells them THEN stored in the catalog's words", () => {
    expect(applied("limits models:5.6,pixverse-v6 quality:720P")).toMatchObject({
      allowedModels: ["v5.6", "v6"],
      maxQuality: "720p",
    });
  });

  it("GIVEN only one of them THEN the other is kept; all and none lift them", () => {
    const limited = { ...DEFAULT_SETTINGS, allowedModels: ["v6"], maxQuality: "540p" };
    expect(applied("limits quality:none", limited)).toMatchObject({
      allowedModels: ["v6"],
      maxQuality: null,
    });
    expect(applied("limits models:all", limited)).toMatchObject({ allowedModels: [], maxQuality: "540p" });
  });

  it("GIVEN an unknown model or quality THEN refused naming it; other keys show how to write it", () => {
    expect(applied("limits models:v9")).toMatch(/v9/u);
    expect(applied("limits quality:4k")).toMatch(/4k/u);
    expect(parseAdminCommand("limits seconds:5")).toEqual({
      ok: false,
      message: "Write limits models:v5.6,v6 quality:720p (models:all and quality:none lift them).",
    });
  });
});
