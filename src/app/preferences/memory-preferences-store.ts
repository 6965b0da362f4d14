// PreferencesStore in memory: the twin of SqlPreferencesStore. test/contract/preferences-store.test.ts
// runs both.

import { type Preferences, preferencesSchema } from "../../core/preferences/preferences.ts";
import type { PreferenceOwner, PreferencesStore } from "./ports.ts";

const keyOf = (o: PreferenceOwner): string => JSON.stringify([o.platform, o.workspaceId, o.userId]);

export class MemoryPreferencesStore implements PreferencesStore {
  readonly #rows = new Map<string, Preferences>();

  async get(owner: PreferenceOwner): Promise<Preferences> {
    return { ...(this.#rows.get(keyOf(owner)) ?? {}) };
  }

  async update(owner: PreferenceOwner, change: (current: Preferences) => Preferences): Promise<Preferences> {
    // No await before the write: updates apply one after another, as the SQL row lock makes them.
    // The same check the SQL store makes: nothing invalid is ever kept.
    const next = preferencesSchema.parse(change({ ...(this.#rows.get(keyOf(owner)) ?? {}) }));
    this.#rows.set(keyOf(owner), next);
    return { ...next };
  }
}
