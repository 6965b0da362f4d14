// What an admin command does to a workspace's settings, as a pure change: the title to answer
// with and the new values from the current ones. Commands that change no setting have none.

import { readModel, readQuality } from "../fields/index.ts";
import type { WorkspaceSettings } from "../settings.ts";
import { validateRequest } from "../validate.ts";
import type { AdminCommand } from "./command.ts";

export type SettingsChange =
  | {
      readonly ok: true;
      readonly title: string;
      readonly change: (s: WorkspaceSettings) => Partial<WorkspaceSettings>;
    }
  | { readonly ok: false; readonly title: string; readonly message: string };

const change = (
  title: string,
  apply: (s: WorkspaceSettings) => Partial<WorkspaceSettings>,
): SettingsChange => ({ ok: true, title, change: apply });

const added = <T>(list: readonly T[], more: readonly T[]): T[] => [...new Set([...list, ...more])];
const removed = <T>(list: readonly T[], gone: readonly T[]): T[] => list.filter((x) => !gone.includes(x));

/** The change `command` makes, or undefined for a command that changes no setting. */
export function settingsChange(command: AdminCommand): SettingsChange | undefined {
  switch (command.kind) {
    case "concurrency":
      return change("Jobs at once updated", (s) => ({
        maxConcurrentPerUser: command.user === undefined ? s.maxConcurrentPerUser : command.user,
        maxConcurrentPerWorkspace:
          command.workspace === undefined ? s.maxConcurrentPerWorkspace : command.workspace,
      }));
    case "block":
      return change("Blocked words updated", (s) => ({ blockedWords: added(s.blockedWords, command.words) }));
    case "unblock":
      return change("Blocked words updated", (s) => ({
        blockedWords: removed(s.blockedWords, command.words),
      }));
    case "channels-allow":
      return change("Channels updated", (s) => ({
        allowedChannels: added(s.allowedChannels, command.channels),
      }));
    case "channels-remove":
      return change("Channels updated", (s) => ({
        allowedChannels: removed(s.allowedChannels, command.channels),
      }));
    case "channels-all":
      return change("framecast works in every channel", () => ({ allowedChannels: [] }));
    case "admins-add":
      return change("Admins updated", (s) => ({ admins: added(s.admins, command.users) }));
    case "admins-remove":
      return change("Admins updated", (s) => ({ admins: removed(s.admins, command.users) }));
    case "defaults":
      return defaultsChange(command);
    case "continue":
      return change("Continue limit updated", () => ({ maxChainSeconds: command.maxSeconds }));
    case "limits":
      return limitsChange(command);
    default:
      return undefined;
  }
}

/** Defaults are checked with the same validator as a request, so one can never be invalid later. */
function defaultsChange(command: Extract<AdminCommand, { kind: "defaults" }>): SettingsChange {
  const checked = validateRequest({
    prompt: "check",
    ...(command.model ? { model: command.model } : {}),
    ...(command.quality ? { quality: command.quality } : {}),
  });
  if (!checked.ok)
    return {
      ok: false,
      title: "That default isn't valid",
      message: checked.errors.map((e) => e.message).join(" "),
    };
  const { model, quality } = checked.request;
  return change("Defaults updated", (s) => ({
    defaultModel: command.model === undefined ? s.defaultModel : command.model === null ? null : model,
    defaultQuality:
      command.quality === undefined ? s.defaultQuality : command.quality === null ? null : quality,
  }));
}

/** Limits name models and a quality the catalog knows, read as /video reads them. */
function limitsChange(command: Extract<AdminCommand, { kind: "limits" }>): SettingsChange {
  const models = (command.models ?? []).map(readModel);
  const quality =
    command.quality === undefined || command.quality === null ? undefined : readQuality(command.quality);
  const problems = [...models, ...(quality === undefined ? [] : [quality])].flatMap((r) =>
    r.ok ? [] : [r.error.message],
  );
  if (problems.length > 0) return { ok: false, title: "That limit isn't valid", message: problems.join(" ") };
  const allowed = [...new Set(models.flatMap((r) => (r.ok ? [r.value] : [])))];
  return change("Limits updated", (s) => ({
    allowedModels: command.models === undefined ? s.allowedModels : allowed,
    maxQuality: command.quality === undefined ? s.maxQuality : quality?.ok === true ? quality.value : null,
  }));
}
