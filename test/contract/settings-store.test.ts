import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MemorySettingsStore } from "../../src/app/settings/memory-settings-store.ts";
import type { SettingsStore } from "../../src/app/settings/ports.ts";
import { DEFAULT_SETTINGS } from "../../src/core/settings.ts";
import { SqlSettingsStore } from "../../src/db/settings-store.ts";
import { useTestDatabase } from "../support/database.ts";

// The same cases against the SQL store and its memory twin, so the twin can't drift.

const database = useTestDatabase();
const implementations: [string, () => SettingsStore][] = [
  ["SQL", () => new SqlSettingsStore(database().db)],
  ["memory", () => new MemorySettingsStore()],
];
const workspace = (): string => `W${randomBytes(4).toString("hex")}`;

describe.each(implementations)("SettingsStore contract: %s", (_name, make) => {
  it("GIVEN a workspace nobody configured THEN the defaults", async () => {
    expect(await make().get("discord", workspace())).toEqual(DEFAULT_SETTINGS);
  });

  it("GIVEN updates THEN each sees the one before, and only that workspace changes", async () => {
    const store = make();
    const w = workspace();
    await store.update("discord", w, () => ({ blockedWords: ["gore"], defaultQuality: "1080p" }));
    await store.update("discord", w, () => ({ allowedModels: ["v5.6", "v6"], maxQuality: "720p" }));
    const next = await store.update("discord", w, (s) => ({ blockedWords: [...s.blockedWords, "nsfw"] }));
    expect(next).toEqual({
      ...DEFAULT_SETTINGS,
      blockedWords: ["gore", "nsfw"],
      defaultQuality: "1080p",
      allowedModels: ["v5.6", "v6"],
      maxQuality: "720p",
    });
    expect(await store.get("discord", w)).toEqual(next);
    expect(await store.get("slack", w)).toEqual(DEFAULT_SETTINGS);
  });

  it("GIVEN concurrent updates THEN none is lost", async () => {
    const store = make();
    const w = workspace();
    await Promise.all(
      ["a", "b", "c", "d", "e"].map((word) =>
        store.update("slack", w, (s) => ({ blockedWords: [...s.blockedWords, word] })),
      ),
    );
    expect([...(await store.get("slack", w)).blockedWords].sort()).toEqual(["a", "b", "c", "d", "e"]);
  });
});
