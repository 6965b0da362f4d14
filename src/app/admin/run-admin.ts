import { type AdminCommand, parseAdminCommand } from "../../core/admin/command.ts";
import { settingsChange } from "../../core/admin/settings-change.ts";
import type { ChatEvent } from "../../core/chat-event.ts";
import { counterKeys, planCounters } from "../../core/quota/policy.ts";
import type { WorkspaceSettings } from "../../core/settings.ts";
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
  switch (command.kind) {
    case "help":
      return adminHelpView({ operator: isOperator(event, deps.operators) });
    case "quota-list":
    case "quota-set":
    case "quota-clear":
      return runQuotaAdmin(deps, event, command);
    case "usage":
      return adminUsageView(await workspaceSpend(deps, event), deps.pricing.centsPerCredit);
  }
  const change = settingsChange(command);
  // Listing commands (blocked, channels-list, admins-list) show the settings as they are.
  if (change === undefined) return settingsView("Settings", settings);
  if (!change.ok) return refusalView(change.title, change.message);
  return settingsView(change.title, await deps.settings.update(platform, workspaceId, change.change));
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
