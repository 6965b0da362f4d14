import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MemoryPreferencesStore } from "../../src/app/preferences/memory-preferences-store.ts";
import type { PreferencesStore } from "../../src/app/preferences/ports.ts";
import { SqlPreferencesStore } from "../../src/db/preferences-store.ts";
import { useTestDatabase } from "../support/database.ts";

// The same cases against the SQL store and its memory twin, so the twin can't drift.

const database = useTestDatabase();
const implementations: [string, () => PreferencesStore][] = [
  ["SQL", () => new SqlPreferencesStore(database().db)],
  ["memory", () => new MemoryPreferencesStore()],
];
const owner = (over: { platform?: string; workspaceId?: string; userId?: string } = {}) => ({
  platform: "discord",
  workspaceId: `W${randomBytes(4).toString("hex")}`,
  userId: `U${randomBytes(4).toString("hex")}`,
  ...over,
});

describe.each(implementations)("PreferencesStore contract: %s", (_name, make) => {
  it("GIVEN someone who set nothing THEN no preferences", async () => {
    expect(await make().get(owner())).toEqual({});
  });

  it("GIVEN updates THEN each sees the one before; unset values are left out", async () => {
    const store = make();
    const ada = owner();
    await store.update(ada, () => ({ model: "v6", quality: "1080p", suffix: "cinematic light" }));
    const next = await store.update(ada, (p) => ({ ...p, quality: undefined, audio: false, ratio: "9:16" }));
    expect(next).toEqual({ model: "v6", audio: false, ratio: "9:16", suffix: "cinematic light" });
    expect(await store.get(ada)).toEqual(next);
    await store.update(ada, () => ({}));
    expect(await store.get(ada)).toEqual({});
  });

  it("GIVEN one person's preferences THEN no other person, workspace or platform sees them", async () => {
    const store = make();
    const ada = owner();
    await store.update(ada, () => ({ model: "v6" }));
    expect(await store.get({ ...ada, userId: "someone-else" })).toEqual({});
    expect(await store.get({ ...ada, workspaceId: "another-workspace" })).toEqual({});
    expect(await store.get({ ...ada, platform: "slack" })).toEqual({});
  });

  it("GIVEN an invalid value THEN refused and nothing kept", async () => {
    const store = make();
    const ada = owner();
    await store.update(ada, () => ({ model: "v6" }));
    await expect(store.update(ada, () => ({ quality: "4k" as "720p" }))).rejects.toThrow();
    await expect(store.update(ada, () => ({ suffix: "x".repeat(301) }))).rejects.toThrow();
    expect(await store.get(ada)).toEqual({ model: "v6" });
  });

  it("GIVEN concurrent updates by one person THEN none is lost", async () => {
    const store = make();
    const ada = owner();
    await Promise.all([
      store.update(ada, (p) => ({ ...p, model: "v6" })),
      store.update(ada, (p) => ({ ...p, quality: "540p" })),
      store.update(ada, (p) => ({ ...p, ratio: "1:1" })),
      store.update(ada, (p) => ({ ...p, audio: true })),
    ]);
    expect(await store.get(ada)).toEqual({ model: "v6", quality: "540p", ratio: "1:1", audio: true });
  });
});
