import { describe, expect, it } from "vitest";
import { checkWorkspacePolicy, DEFAULT_SETTINGS, findBlockedWord } from "../../src/core/settings.ts";

describe("workspace policy", () => {
  it.each([
    ["a gory scene", ["gore"], undefined],
    ["GORE everywhere", ["gore"], "gore"],
    ["a blood bath at dawn", ["blood bath"], "blood bath"],
    ["bloodbath", ["blood bath"], undefined],
    ["(gore)", ["gore"], "gore"],
    ["c++ code", ["c++"], "c++"],
  ])("GIVEN %s and blocked %j THEN %s", (text, blocked, found) => {
    expect(findBlockedWord(text, blocked)).toBe(found);
  });

  it("GIVEN allowed channels THEN other channels are refused, listed ones pass", () => {
    const settings = { ...DEFAULT_SETTINGS, allowedChannels: ["renders"] };
    expect(checkWorkspacePolicy(settings, "general", ["a fox"])?.code).toBe("channel_not_allowed");
    expect(checkWorkspacePolicy(settings, "renders", ["a fox"])).toBeUndefined();
  });

  it("GIVEN a blocked word in the negative prompt THEN refused too", () => {
    const settings = { ...DEFAULT_SETTINGS, blockedWords: ["gore"] };
    expect(checkWorkspacePolicy(settings, "c", ["a fox", "no gore"])?.code).toBe("blocked_word");
  });
});
