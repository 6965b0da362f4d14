import type { Preferences } from "../../core/preferences/preferences.ts";

/** Whose preferences: a person in one workspace of one platform. */
export interface PreferenceOwner {
  readonly platform: string;
  readonly workspaceId: string;
  readonly userId: string;
}

/** A person's own defaults; someone who set none reads as {}. */
export interface PreferencesStore {
  get(owner: PreferenceOwner): Promise<Preferences>;
  /** Applies `change` to the current preferences atomically and returns the result. */
  update(owner: PreferenceOwner, change: (current: Preferences) => Preferences): Promise<Preferences>;
}
