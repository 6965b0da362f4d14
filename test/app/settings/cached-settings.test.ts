import { describe, expect, it } from "vitest";
import { CachedSettingsStore } from "../../../src/app/settings/cached-settings.ts";
import type { SettingsPatch, SettingsStore } from "../../../src/app/settings/ports.ts";
import { DEFAULT_SETTINGS, type WorkspaceSettings } from "../../../src/core/settings.ts";

/** An in-memory SettingsStore that counts its reads. */
class CountingStore implements SettingsStore {
  reads = 0;
  settings: WorkspaceSettings = DEFAULT_SETTINGS;
  async get(): Promise<WorkspaceSettings> {
    this.reads++;
    return this.settings;
  }
  async update(
    _p: string,
    _w: string,
    change: (s: WorkspaceSettings) => SettingsPatch,
  ): Promise<WorkspaceSettings> {
    this.settings = { ...this.settings, ...change(this.settings) };
    return this.settings;
  }
}

describe("cached settings", () => {
  it("GIVEN repeated reads within the TTL THEN one read of the store; after it, a fresh one", async () => {
    let now = 0;
    const inner = new CountingStore();
    const cached = new CachedSettingsStore(inner, 10_000, () => now);
    await cached.get("discord", "w");
    await cached.get("discord", "w");
    expect(inner.reads).toBe(1);
    await cached.get("discord", "other");
    expect(inner.reads).toBe(2);
    now = 10_000;
    await cached.get("discord", "w");
    expect(inner.reads).toBe(3);
  });

  it("GIVEN a change through the cache THEN the next read sees it at once, without a read", async () => {
    const inner = new CountingStore();
    const cached = new CachedSettingsStore(inner, 10_000, () => 0);
    await cached.get("discord", "w");
    await cached.update("discord", "w", () => ({ defaultModel: "v6" }));
    expect((await cached.get("discord", "w")).defaultModel).toBe("v6");
    expect(inner.reads).toBe(1);
  });
});
