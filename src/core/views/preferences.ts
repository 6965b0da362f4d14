import { listWords } from "../catalog.ts";
import { PREFERENCE_KEYS, type Preferences, preferenceLines } from "../preferences/preferences.ts";
import type { Block, View } from "./view.ts";

const HOW =
  "Options you type in /video win over these, and the workspace's limits win over both. Change one with /framecast prefer key:value (key:none unsets it); /framecast prefer clear removes them all.";

/** The blocks that show someone's preferences: each one, then those the workspace sets aside. */
export function preferenceBlocks(prefs: Preferences, setAside: readonly string[]): Block[] {
  const lines = preferenceLines(prefs);
  return [
    lines.length === 0
      ? {
          kind: "text",
          text: `You have no preferences: framecast uses the workspace's defaults. Set ${listWords([...PREFERENCE_KEYS])}, e.g. /framecast prefer model:v6 quality:720p suffix:cinematic lighting.`,
        }
      : { kind: "fields", items: lines },
    ...(setAside.length === 0 ? [] : [{ kind: "list" as const, items: setAside }]),
  ];
}

/** /framecast prefer, with or without a change: what is kept now. */
export function preferencesView(title: string, prefs: Preferences, setAside: readonly string[]): View {
  return {
    tone: setAside.length === 0 ? "success" : "warning",
    title,
    private: true,
    blocks: [...preferenceBlocks(prefs, setAside), { kind: "text", text: HOW }],
  };
}

/** Said privately beside a job when a preference couldn't apply to it. */
export function preferenceNotesView(notes: readonly string[]): View {
  return {
    tone: "warning",
    title: notes.length === 1 ? "A preference wasn't used" : "Some preferences weren't used",
    private: true,
    blocks: [{ kind: "list", items: notes }],
  };
}
