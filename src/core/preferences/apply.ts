// What a person's /video uses for the options they leave out: their own preference, else the
// workspace's default, else the built-in one, all within the workspace's limits. A preference the
// workspace's rules set aside is said, when the request would have used it.

import { DEFAULTS, listWords, QUALITIES } from "../catalog.ts";
import { type Limits, modelAllowed, qualityAllowed } from "../limits.ts";
import type { DefaultSource, RequestDefaults } from "../request-defaults.ts";
import { findBlockedWord, type WorkspaceSettings } from "../settings.ts";
import type { Preferences } from "./preferences.ts";

type Chosen = { value: string; from: DefaultSource } | undefined;

/** The defaults for someone with `prefs` in a workspace with `settings`. */
export function personalDefaults(prefs: Preferences, settings: WorkspaceSettings): RequestDefaults {
  const setAside: Record<string, string> = {};
  const model = pick(prefs.model, settings.defaultModel, (m) => modelAllowed(settings, m));
  if (prefs.model !== undefined && model?.from !== "you")
    setAside.model = `Your preferred model ${prefs.model} isn't allowed in this workspace (an admin allows ${listWords(settings.allowedModels)}), so it wasn't used.`;
  const quality = pick(prefs.quality, settings.defaultQuality, (q) => qualityAllowed(settings, q));
  if (prefs.quality !== undefined && quality?.from !== "you")
    setAside.quality = `Your preferred quality ${prefs.quality} is above this workspace's highest, ${settings.maxQuality} (set by an admin), so it wasn't used.`;
  const blocked =
    prefs.suffix === undefined ? undefined : findBlockedWord(prefs.suffix, settings.blockedWords);
  if (blocked !== undefined)
    setAside.suffix = `Your prompt suffix has "${blocked}", which this workspace doesn't allow, so it wasn't added: change it with /framecast prefer suffix:…`;
  const chosenModel = model ?? withinModels(settings);
  const chosenQuality = quality ?? withinQuality(settings);
  return {
    ...(chosenModel === undefined ? {} : { model: chosenModel.value }),
    ...(chosenQuality === undefined ? {} : { quality: chosenQuality.value }),
    ...(prefs.ratio === undefined ? {} : { ratio: prefs.ratio }),
    ...(prefs.audio === undefined ? {} : { audio: prefs.audio }),
    ...(prefs.suffix === undefined || blocked !== undefined ? {} : { suffix: prefs.suffix }),
    from: {
      ...(chosenModel === undefined ? {} : { model: chosenModel.from }),
      ...(chosenQuality === undefined ? {} : { quality: chosenQuality.from }),
      ...(prefs.ratio === undefined ? {} : { ratio: "you" }),
      ...(prefs.audio === undefined ? {} : { audio: "you" }),
    },
    setAside,
  };
}

/** The person's value if the workspace allows it, else the workspace's default (if any). */
function pick(mine: string | undefined, workspace: string | null, allowed: (v: string) => boolean): Chosen {
  if (mine !== undefined && allowed(mine)) return { value: mine, from: "you" };
  return workspace === null ? undefined : { value: workspace, from: "workspace" };
}

/** With no default chosen: the built-in model, or the first the workspace allows if not that. */
function withinModels(limits: Limits): Chosen {
  const first = limits.allowedModels[0];
  return modelAllowed(limits, DEFAULTS.model) || first === undefined
    ? undefined
    : { value: first, from: "workspace" };
}

/** With no default chosen: the built-in quality, or the workspace's highest if that is lower. */
function withinQuality(limits: Limits): Chosen {
  const max = QUALITIES.find((q) => q === limits.maxQuality);
  return qualityAllowed(limits, DEFAULTS.quality) || max === undefined
    ? undefined
    : { value: max, from: "workspace" };
}
