// /framecast admin quota …: set, clear and list limits. A workspace's admins reach only their own
// workspace's scopes (users, roles, channels, the workspace); the `global` scope caps every
// workspace on every platform, so only the operator (FRAMECAST_ADMINS, the console) sees or
// changes it.

import type { AdminCommand, QuotaTarget } from "../../core/admin/command.ts";
import type { ChatEvent } from "../../core/chat-event.ts";
import type { QuotaPolicy, Scope } from "../../core/quota/policy.ts";
import { quotaListView, refusalView } from "../../core/views/admin.ts";
import type { View } from "../../core/views/view.ts";
import type { BotDeps } from "../deps.ts";

type QuotaCommand = Extract<AdminCommand, { kind: "quota-set" | "quota-clear" | "quota-list" }>;

/** The bot's operator: listed in FRAMECAST_ADMINS, or at the console (the machine's own user). */
export function isOperator(event: ChatEvent, operators: readonly string[]): boolean {
  return event.conversation.platform === "console" || operators.includes(event.conversation.userId);
}

function policyFor(target: QuotaTarget, workspaceId: string): Omit<QuotaPolicy, "limits" | "period"> {
  switch (target.scope) {
    case "users":
      return { scope: "user", workspaceId, subjectId: "" };
    case "workspace":
    case "global":
      return {
        scope: target.scope satisfies Scope,
        workspaceId: target.scope === "global" ? "" : workspaceId,
        subjectId: "",
      };
    default:
      return { scope: target.scope, workspaceId, subjectId: target.subjectId };
  }
}

const OPERATOR_ONLY = refusalView(
  "Global limits are the operator's",
  "A global limit caps every workspace on every platform, so only the operator who runs framecast (FRAMECAST_ADMINS) can set, clear or see it. Limits for this workspace, its channels, roles and users are yours: quota set workspace …, channel:#…, role:@…, user:@… or users.",
);

export async function runQuotaAdmin(deps: BotDeps, event: ChatEvent, command: QuotaCommand): Promise<View> {
  const { platform, workspaceId, userId } = event.conversation;
  const operator = isOperator(event, deps.operators);
  const policies = deps.quota.policies;
  const list = async (): Promise<View> => {
    const all = await policies.listPolicies(platform, workspaceId);
    const shown = operator ? all : all.filter((p) => p.scope !== "global");
    return quotaListView(shown, deps.quota.defaults.day ?? null, { operator });
  };
  if (command.kind === "quota-list") return list();
  if (command.target.scope === "global" && !operator) return OPERATOR_ONLY;
  const base = policyFor(command.target, workspaceId);
  if (command.kind === "quota-clear") {
    const cleared = await policies.clearPolicy(platform, { ...base, period: command.period });
    if (!cleared) return refusalView("Nothing to clear", `There is no ${command.period} limit set for that.`);
    return list();
  }
  const existing = (await policies.listPolicies(platform, workspaceId)).find(
    (p) =>
      p.scope === base.scope &&
      p.subjectId === base.subjectId &&
      p.period === command.period &&
      p.workspaceId === base.workspaceId,
  );
  // A new per-user limit starts from the bot's default for that period, so setting seconds
  // alone keeps the default video count; none removes a dimension explicitly.
  const inherited =
    base.scope === "user" || base.scope === "role" ? deps.quota.defaults[command.period] : undefined;
  const limits = {
    videos: null,
    seconds: null,
    credits: null,
    ...(existing?.limits ?? inherited),
    ...command.limits,
  };
  await policies.setPolicy(platform, { ...base, period: command.period, limits }, userId);
  return list();
}
