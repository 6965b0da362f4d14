import { type AdminCommand, parseAdminCommand } from "../../core/admin/command.ts";
import type { ChatEvent } from "../../core/chat-event.ts";
import { counterKeys, planCounters } from "../../core/quota/policy.ts";
import type { WorkspaceSettings } from "../../core/settings.ts";
import { validateRequest } from "../../core/validate.ts";
import {
  adminHelpView,
  adminUsageView,
  refusalView,
  settingsView,
  type UserSpend,
} from "../../core/views/admin.ts";
import type { View } from "../../core/views/view.ts";
import type { BotDeps } from "../deps.ts";
import { isOperator, runQuotaAdmin } from "./quota-admin.ts";

/** Platform managers, operators (FRAMECAST_ADMINS) and the workspace's own admins. */
export function isAdmin(
  event: ChatEvent,
  settings: WorkspaceSettings,
  operators: readonly string[],
): boolean {
  const id = event.conversation.userId;
  return event.isManager === true || operators.includes(id) || settings.admins.includes(id);
}

/** /framecast admin …: parse, authorize, apply; answers privately. */
export async function runAdmin(deps: BotDeps, event: ChatEvent, text: string): Promise<View> {
  const { platform, workspaceId } = event.conversation;
  const settings = await deps.settings.get(platform, workspaceId);
  if (!isAdmin(event, settings, deps.operators)) {
    return refusalView(
      "Only admins can do that",
      "/framecast admin is for this workspace's framecast admins and managers. Ask one of them to add you with /framecast admin admins add:@you.",
    );
  }
  const parsed = parseAdminCommand(text);
  if (!parsed.ok) return refusalView("That admin command has a problem", parsed.message);
  return apply(deps, event, parsed.command, settings);
}

async function apply(
  deps: BotDeps,
  event: ChatEvent,
  command: AdminCommand,
  settings: WorkspaceSettings,
): Promise<View> {
  const { platform, workspaceId } = event.conversation;
  const update = (
    title: string,
    change: (s: WorkspaceSettings) => Partial<WorkspaceSettings>,
  ): Promise<View> =>
    deps.settings.update(platform, workspaceId, change).then((next) => settingsView(title, next));
  switch (command.kind) {
    case "help":
      return adminHelpView({ operator: isOperator(event, deps.operators) });
    case "quota-list":
    case "quota-set":
    case "quota-clear":
      return runQuotaAdmin(deps, event, command);
    case "usage":
      return adminUsageView(await workspaceSpend(deps, event), deps.pricing.centsPerCredit);
    case "concurrency":
      return update("Jobs at once updated", (s) => ({
        maxConcurrentPerUser: command.user === undefined ? s.maxConcurrentPerUser : command.user,
        maxConcurrentPerWorkspace:
          command.workspace === undefined ? s.maxConcurrentPerWorkspace : command.workspace,
      }));
    case "block":
      return update("Blocked words updated", (s) => ({
        blockedWords: [...new Set([...s.blockedWords, ...command.words])],
      }));
    case "unblock":
      return update("Blocked words updated", (s) => ({
        blockedWords: s.blockedWords.filter((w) => !command.words.includes(w)),
      }));
    case "blocked":
      return settingsView("Settings", settings);
    case "channels-allow":
      return update("Channels updated", (s) => ({
        allowedChannels: [...new Set([...s.allowedChannels, ...command.channels])],
      }));
    case "channels-remove":
      return update("Channels updated", (s) => ({
        allowedChannels: s.allowedChannels.filter((c) => !command.channels.includes(c)),
      }));
    case "channels-all":
      return update("framecast works in every channel", () => ({ allowedChannels: [] }));
    case "channels-list":
    case "admins-list":
      return settingsView("Settings", settings);
    case "admins-add":
      return update("Admins updated", (s) => ({ admins: [...new Set([...s.admins, ...command.users])] }));
    case "admins-remove":
      return update("Admins updated", (s) => ({
        admins: s.admins.filter((a) => !command.users.includes(a)),
      }));
    case "defaults": {
      // Checked with the same validator as a request, so a default can never be invalid later.
      const checked = validateRequest({
        prompt: "check",
        ...(command.model ? { model: command.model } : {}),
        ...(command.quality ? { quality: command.quality } : {}),
      });
      if (!checked.ok)
        return refusalView("That default isn't valid", checked.errors.map((e) => e.message).join(" "));
      return update("Defaults updated", (s) => ({
        defaultModel:
          command.model === undefined
            ? s.defaultModel
            : command.model === null
              ? null
              : checked.request.model,
        defaultQuality:
          command.quality === undefined
            ? s.defaultQuality
            : command.quality === null
              ? null
              : checked.request.quality,
      }));
    }
  }
}

/** Every user's spend in this workspace today and this month, from their counters. */
async function workspaceSpend(deps: BotDeps, event: ChatEvent): Promise<UserSpend[]> {
  const { platform, workspaceId } = event.conversation;
  const now = deps.quota.now();
  const [plan] = planCounters({ platform, workspaceId, channelId: "", userId: "", roles: [] }, [], {}, now);
  if (plan === undefined) return [];
  const prefix = counterKeys.user({ platform, workspaceId, userId: "" });
  const counters = await deps.quota.money.listCounters(prefix, plan.starts);
  return counters
    .map((c) => ({ userId: c.key.slice(prefix.length), today: c.usage.day, month: c.usage.month }))
    .filter((s) => s.month.videos > 0 || s.today.videos > 0);
}
