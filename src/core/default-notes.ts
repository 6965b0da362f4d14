// An error that a workspace's default caused says so: the person never typed that value, so
// "v5.6 can't make 10-second videos at 1080p" alone would puzzle them when an admin set 1080p.

import { MODEL_IDS, QUALITIES } from "./catalog.ts";
import type { CommandError } from "./errors.ts";
import type { RawRequest } from "./request.ts";

/** The defaults that were used: those the request left out. */
export interface UsedDefaults {
  readonly model?: string;
  readonly quality?: string;
}

/** Fields whose rules depend on the model (its durations, ratios, styles and motion). */
const MODEL_RULED = new Set(["duration", "ratio", "style", "motion", "quality"]);

export function usedDefaults(raw: RawRequest, defaults: UsedDefaults): UsedDefaults {
  return {
    ...(raw.model === undefined && defaults.model !== undefined ? { model: defaults.model } : {}),
    ...(raw.quality === undefined && defaults.quality !== undefined ? { quality: defaults.quality } : {}),
  };
}

export function explainDefaults(errors: readonly CommandError[], used: UsedDefaults): CommandError[] {
  if (used.model === undefined && used.quality === undefined) return [...errors];
  return errors.map((e) => {
    const notes: string[] = [];
    const quality = used.quality;
    if (quality !== undefined && (e.field === "quality" || e.given?.includes(quality) === true)) {
      const instead = QUALITIES.find((q) => q === e.suggestion) ?? "…";
      notes.push(
        `${quality} is this workspace's default quality (set by an admin): add quality:${instead} to choose another.`,
      );
    }
    const model = used.model;
    if (model !== undefined && MODEL_RULED.has(e.field) && e.code !== "invalid_quality") {
      const other = MODEL_IDS.find((m) => m !== model) ?? "…";
      notes.push(
        `${model} is this workspace's default model (set by an admin): add model:${other} to use ${other}.`,
      );
    }
    return notes.length === 0 ? e : { ...e, message: `${e.message} ${notes.join(" ")}` };
  });
}
