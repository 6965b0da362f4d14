// /video's autocomplete (receiving-and-responding.mdx "Autocomplete"): while someone types a
// duration or ratio, offer what the chosen model (else the workspace's default) accepts at the
// chosen quality. Pure: the interaction's options in, at most 25 choices out.

import type { APIApplicationCommandInteractionDataOption, InteractionType } from "discord.js";
import { CATALOG, DEFAULTS, type ModelId, modelSpec, type Ratio } from "../../core/catalog.ts";

type Option = APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommandAutocomplete>;

export interface Choice {
  readonly name: string;
  readonly value: string | number;
}

/** Discord shows at most 25 choices. */
const MAX_CHOICES = 25;

const SHAPES: Readonly<Record<Ratio, string>> = {
  "16:9": "landscape",
  "4:3": "landscape",
  "3:2": "landscape",
  "21:9": "cinema",
  "1:1": "square",
  "3:4": "portrait",
  "2:3": "portrait",
  "9:16": "portrait, phones",
};

const optionValue = (options: readonly Option[], name: string): string | undefined => {
  const option = options.find((o) => o.name === name);
  return option !== undefined && "value" in option ? String(option.value) : undefined;
};

const isModel = (value: string | null | undefined): value is ModelId =>
  value !== undefined && value !== null && value in CATALOG;

/** The choices for the focused option, filtered by what has been typed so far; `defaultModel` is the workspace's. */
export function autocompleteChoices(options: readonly Option[], defaultModel: string | null): Choice[] {
  const focused = options.find((o) => "focused" in o && o.focused === true);
  if (focused === undefined || !("value" in focused)) return [];
  const chosen = optionValue(options, "model");
  const spec = modelSpec(isModel(chosen) ? chosen : isModel(defaultModel) ? defaultModel : DEFAULTS.model);
  const typed = String(focused.value).trim().toLowerCase();
  if (focused.name === "duration") {
    const hd = optionValue(options, "quality") === "1080p";
    return spec.durations
      .filter((d) => !(hd && spec.durationsNotAt1080p.includes(d)))
      .filter((d) => typed === "" || String(d).startsWith(typed))
      .slice(0, MAX_CHOICES)
      .map((d) => ({ name: `${d} seconds (${spec.label}${hd ? ", 1080p" : ""})`, value: d }));
  }
  if (focused.name === "ratio") {
    return spec.ratios
      .filter((r) => typed === "" || r.startsWith(typed) || SHAPES[r].includes(typed))
      .slice(0, MAX_CHOICES)
      .map((r) => ({ name: `${r} (${SHAPES[r]})`, value: r }));
  }
  return [];
}
