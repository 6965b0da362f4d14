// An error that a default caused says so: the person never typed that value, so "v5.6 can't make
// 10-second videos at 1080p" alone would puzzle them when an admin set 1080p, or when it is their
// own preference from weeks ago.

import { MODEL_IDS, QUALITIES } from "./catalog.ts";
import type { CommandError } from "./errors.ts";
import type { RawRequest } from "./request.ts";
import type { DefaultSource, RequestDefaults } from "./request-defaults.ts";

/** The defaults that were used (those the request left out), and who chose each. */
export interface UsedDefaults {
  readonly model?: string;
  readonly quality?: string;
  readonly suffix?: string;
  readonly from?: RequestDefaults["from"];
}

/** Fields whose rules depend on the model (its durations, ratios, styles and motion). */
const MODEL_RULED = new Set(["duration", "ratio", "style", "motion", "quality", "shots"]);

export function usedDefaults(raw: RawRequest, defaults: RequestDefaults): UsedDefaults {
  return {
    ...(raw.model === undefined && defaults.model !== undefined ? { model: defaults.model } : {}),
    ...(raw.quality === undefined && defaults.quality !== undefined ? { quality: defaults.quality } : {}),
    ...(defaults.suffix === undefined ? {} : { suffix: defaults.suffix }),
    ...(defaults.from === undefined ? {} : { from: defaults.from }),
  };
}

const whose = (source: DefaultSource | undefined, what: string, value: string): string =>
  source === "you"
    ? `${value} is your preferred ${what} (/framecast prefer)`
    : `${value} is this workspace's default ${what} (set by an admin)`;

export function explainDefaults(errors: readonly CommandError[], used: UsedDefaults): CommandError[] {
  if (used.model === undefined && used.quality === undefined && used.suffix === undefined) return [...errors];
  return errors.map((e) => {
    const notes: string[] = [];
    const quality = used.quality;
    if (quality !== undefined && (e.field === "quality" || e.given?.includes(quality) === true)) {
      const instead = QUALITIES.find((q) => q === e.suggestion) ?? "…";
      notes.push(
        `${whose(used.from?.quality, "quality", quality)}: add quality:${instead} to choose another.`,
      );
    }
    const model = used.model;
    if (model !== undefined && MODEL_RULED.has(e.field) && e.code !== "invalid_quality") {
      const other = MODEL_IDS.find((m) => m !== model) ?? "…";
      notes.push(`${whose(used.from?.model, "model", model)}: add model:${other} to use ${other}.`);
    }
    if (used.suffix !== undefined && e.code === "prompt_too_long")
      notes.push(`That counts your prompt suffix (/framecast prefer): "${used.suffix}".`);
    return notes.length === 0 ? e : { ...e, message: `${e.message} ${notes.join(" ")}` };
  });
}
