import { DEFAULT_CHAIN_SECONDS } from "../extend.ts";
import { formatUsd } from "../pricing.ts";
import { PERIOD_WORDS } from "../quota/periods.ts";
import type { Limits, QuotaPolicy, Usage } from "../quota/policy.ts";
import type { WorkspaceSettings } from "../settings.ts";
import type { View } from "./view.ts";

const limitText = (l: number | null): string => (l === null ? "—" : String(l));

/** Who sees global limits, said wherever limits are shown. */
const GLOBAL_NOTE = {
  operator:
    "You are the bot's operator: global limits cap every workspace on every platform, and only operators see or change them.",
  workspace:
    "You see and change only this workspace's limits. The bot's operator may also set global limits across every workspace; only they can see or change those.",
} as const;

export function adminHelpView(options: { operator: boolean } = { operator: false }): View {
  return {
    tone: "info",
    title: "framecast admin",
    private: true,
    blocks: [
      {
        kind: "code",
        text: [
          "/framecast admin quota set user:@ada videos:10 period:day",
          "/framecast admin quota set users seconds:120            (every user here)",
          "/framecast admin quota set role:@Patrons videos:20 period:week",
          "/framecast admin quota set workspace credits:5000 period:month",
          "/framecast admin quota set channel:#renders videos:50",
          ...(options.operator
            ? [
                "/framecast admin quota set global credits:20000 period:month   (operator only: every workspace)",
              ]
            : []),
          "/framecast admin quota clear user:@ada period:day",
          "/framecast admin quota list",
          "/framecast admin usage",
          "/framecast admin concurrency user:2 workspace:6",
          "/framecast admin block word:gore      /framecast admin unblock word:gore",
          "/framecast admin channels allow:#renders   … remove:#renders   … all",
          "/framecast admin admins add:@ada      … remove:@ada",
          "/framecast admin defaults model:v6 quality:1080p",
          `/framecast admin continue max:90      (the longest video Continue joins; default ${DEFAULT_CHAIN_SECONDS} s)`,
          "/framecast admin limits models:v5.6,v6 quality:720p   … models:all quality:none",
        ].join("\n"),
      },
      {
        kind: "text",
        text: `Limits are videos, video-seconds and credits per day, week or month (UTC); none removes one. The most specific user limit applies: the user's own, else their roles' (the most generous), else the one for every user, else the bot's default. Workspace, channel and global limits apply on top. ${GLOBAL_NOTE[options.operator ? "operator" : "workspace"]}`,
      },
    ],
  };
}

const subjectText = (p: QuotaPolicy): string => {
  switch (p.scope) {
    case "user":
      return p.subjectId === "" ? "every user" : `user ${p.subjectId}`;
    case "role":
      return `role ${p.subjectId}`;
    case "channel":
      return `channel ${p.subjectId}`;
    case "global":
      return "global (every workspace)";
    default:
      return p.scope;
  }
};

export function quotaListView(
  policies: readonly QuotaPolicy[],
  defaults: Limits | null,
  options: { operator: boolean } = { operator: false },
): View {
  const rows = policies.map((p) => [
    subjectText(p),
    p.period,
    limitText(p.limits.videos),
    limitText(p.limits.seconds),
    limitText(p.limits.credits),
  ]);
  if (defaults !== null)
    rows.push([
      "default per user",
      "day",
      limitText(defaults.videos),
      limitText(defaults.seconds),
      limitText(defaults.credits),
    ]);
  return {
    tone: "info",
    title: "Quotas",
    private: true,
    blocks: [
      rows.length === 0
        ? { kind: "text", text: "No limits are set." }
        : { kind: "table", headers: ["for", "period", "videos", "seconds", "credits"], rows },
      { kind: "text", text: GLOBAL_NOTE[options.operator ? "operator" : "workspace"] },
    ],
  };
}

export interface UserSpend {
  readonly userId: string;
  readonly today: Usage;
  readonly month: Usage;
}

export function adminUsageView(spend: readonly UserSpend[], centsPerCredit: number): View {
  const sorted = [...spend].sort(
    (a, b) => b.month.credits - a.month.credits || a.userId.localeCompare(b.userId),
  );
  const usd = (credits: number): string => formatUsd(Math.round(credits * centsPerCredit));
  const total = sorted.reduce(
    (sum, s) => ({ today: sum.today + s.today.credits, month: sum.month + s.month.credits }),
    { today: 0, month: 0 },
  );
  return {
    tone: "info",
    title: "Spend in this workspace",
    private: true,
    blocks:
      sorted.length === 0
        ? [{ kind: "text", text: "Nobody has made a video this month." }]
        : [
            {
              kind: "table",
              headers: ["user", "today", "credits today", "this month", "credits this month"],
              rows: sorted.map((s) => [
                s.userId,
                `${s.today.videos} videos · ${s.today.seconds} s`,
                `${s.today.credits} (${usd(s.today.credits)})`,
                `${s.month.videos} videos · ${s.month.seconds} s`,
                `${s.month.credits} (${usd(s.month.credits)})`,
              ]),
            },
            {
              kind: "text",
              text: `Total: ${total.today} credits today, ${total.month} credits ${PERIOD_WORDS.month}. Refunded videos are not counted.`,
            },
          ],
  };
}

export function settingsView(title: string, settings: WorkspaceSettings): View {
  const list = (xs: readonly string[], none: string): string => (xs.length === 0 ? none : xs.join(", "));
  return {
    tone: "success",
    title,
    private: true,
    blocks: [
      {
        kind: "fields",
        items: [
          ["Channels", list(settings.allowedChannels, "all")],
          ["Blocked words", list(settings.blockedWords, "none")],
          ["Admins", list(settings.admins, "platform managers and operators only")],
          [
            "Jobs at once",
            `${settings.maxConcurrentPerUser ?? "default"} per user, ${settings.maxConcurrentPerWorkspace ?? "default"} per workspace`,
          ],
          [
            "Defaults",
            `model ${settings.defaultModel ?? "v5.6"}, quality ${settings.defaultQuality ?? "720p"}`,
          ],
          [
            "Continue",
            `joins videos up to ${settings.maxChainSeconds ?? DEFAULT_CHAIN_SECONDS} s${settings.maxChainSeconds === null ? " (default)" : ""}`,
          ],
          [
            "Limits",
            `models ${list(settings.allowedModels, "all")}, quality up to ${settings.maxQuality ?? "1080p"}`,
          ],
        ],
      },
    ],
  };
}

export function refusalView(title: string, message: string): View {
  return { tone: "warning", title, private: true, blocks: [{ kind: "text", text: message }] };
}
