import { CATALOG, listWords } from "../../core/catalog.ts";
import type { ChatEvent } from "../../core/chat-event.ts";
import type { CheckedCommand, RequestDefaults } from "../../core/command.ts";
import { personalDefaults } from "../../core/preferences/apply.ts";
import { type PreferChange, parsePreferArgs } from "../../core/preferences/prefer-args.ts";
import type { Preferences } from "../../core/preferences/preferences.ts";
import { findBlockedWord, type WorkspaceSettings } from "../../core/settings.ts";
import { refusalView } from "../../core/views/admin.ts";
import { preferenceNotesView, preferencesView } from "../../core/views/preferences.ts";
import type { View } from "../../core/views/view.ts";
import type { BotDeps, RequestDeps } from "../deps.ts";
import type { PreferenceOwner } from "./ports.ts";

export const ownerOf = (event: ChatEvent): PreferenceOwner => ({
  platform: event.conversation.platform,
  workspaceId: event.conversation.workspaceId,
  userId: event.conversation.userId,
});

/** What the workspace's rules set aside of `prefs`, in words. */
export function setAsideOf(prefs: Preferences, settings: WorkspaceSettings): string[] {
  return Object.values(personalDefaults(prefs, settings).setAside ?? {});
}

/** /framecast prefer …: show, set or clear the person's own defaults; answered privately. */
export async function runPrefer(deps: BotDeps, event: ChatEvent, args: string): Promise<View> {
  const owner = ownerOf(event);
  const settings = await deps.settings.get(owner.platform, owner.workspaceId);
  const command = parsePreferArgs(args);
  switch (command.kind) {
    case "invalid":
      return refusalView("That preference has a problem", `${command.errors.join(" ")} Nothing was changed.`);
    case "show": {
      const prefs = await deps.preferences.get(owner);
      return preferencesView("Your preferences", prefs, setAsideOf(prefs, settings));
    }
    case "clear": {
      const prefs = await deps.preferences.update(owner, (p) => {
        const kept: Record<string, unknown> = { ...p };
        for (const key of command.keys) delete kept[key];
        return kept as Preferences;
      });
      return preferencesView("Preferences cleared", prefs, setAsideOf(prefs, settings));
    }
    case "set": {
      const refused = refusal(await deps.preferences.get(owner), command.change, settings);
      if (refused !== undefined)
        return refusalView("That preference can't be kept", `${refused} Nothing was changed.`);
      const prefs = await deps.preferences.update(owner, (p) => applyChange(p, command.change));
      return preferencesView("Preferences saved", prefs, setAsideOf(prefs, settings));
    }
  }
}

function applyChange(current: Preferences, change: PreferChange): Preferences {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next as Preferences;
}

/**
 * What can never work is refused rather than kept: a ratio the preferred model doesn't make, and a
 * suffix with a word this workspace blocks (it would stop every video). A limit an admin may lift
 * later (models, quality) is kept and said.
 */
function refusal(
  current: Preferences,
  change: PreferChange,
  settings: WorkspaceSettings,
): string | undefined {
  const next = applyChange(current, change);
  if (
    next.model !== undefined &&
    next.ratio !== undefined &&
    !CATALOG[next.model].ratios.includes(next.ratio)
  )
    return `Your preferred model ${next.model} doesn't make ${next.ratio}: it makes ${listWords(CATALOG[next.model].ratios)}.`;
  const word = change.suffix == null ? undefined : findBlockedWord(change.suffix, settings.blockedWords);
  if (word !== undefined)
    return `This workspace doesn't allow "${word}" in prompts, so it can't be in your suffix.`;
  return undefined;
}

/** What this person's /video uses for options they leave out: their preferences within the workspace's. */
export async function requestDefaultsFor(deps: BotDeps, event: ChatEvent): Promise<RequestDefaults> {
  const owner = ownerOf(event);
  const [settings, prefs] = await Promise.all([
    deps.settings.get(owner.platform, owner.workspaceId),
    deps.preferences.get(owner),
  ]);
  return personalDefaults(prefs, settings);
}

/** After a /video: the preferences that couldn't apply to it, said privately. */
export async function sayNotes(deps: RequestDeps, checked: CheckedCommand): Promise<void> {
  if (checked.ok && checked.notes !== undefined && checked.notes.length > 0)
    await deps.reply.notify(preferenceNotesView(checked.notes));
}
