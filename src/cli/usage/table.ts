// The spend report as a plain-text table (aligned columns, a total line) or as JSON.

import type { SpendRow } from "../../db/spend-report.ts";

type Totals = Pick<
  SpendRow,
  "videos" | "seconds" | "credits" | "usdCents" | "previews" | "refunded" | "open" | "operatorUsdCents"
>;

/** One workspace's spend: its users' rows added up. */
export interface WorkspaceSpend extends Totals {
  readonly platform: string;
  readonly workspaceId: string;
  readonly users: number;
}

export type SpendReport =
  | { readonly since: Date; readonly by: "user"; readonly rows: readonly SpendRow[] }
  | { readonly since: Date; readonly by: "workspace"; readonly rows: readonly WorkspaceSpend[] };

/** Per-user rows folded into one row per platform and workspace, the biggest spender first. */
export function byWorkspace(rows: readonly SpendRow[]): WorkspaceSpend[] {
  const groups = new Map<string, SpendRow[]>();
  for (const r of rows) {
    const key = `${r.platform}\u0000${r.workspaceId}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()]
    .map((group) => ({
      platform: group[0]?.platform ?? "",
      workspaceId: group[0]?.workspaceId ?? "",
      users: group.length,
      ...totals(group),
    }))
    .sort((a, b) => b.usdCents - a.usdCents || b.credits - a.credits);
}

function totals(rows: readonly Totals[]): Totals {
  const t = {
    videos: 0,
    seconds: 0,
    credits: 0,
    usdCents: 0,
    previews: 0,
    refunded: 0,
    open: 0,
    operatorUsdCents: 0,
  };
  for (const r of rows) {
    t.videos += r.videos;
    t.seconds += r.seconds;
    t.credits += r.credits;
    t.usdCents += r.usdCents;
    t.previews += r.previews;
    t.refunded += r.refunded;
    t.open += r.open;
    t.operatorUsdCents += r.operatorUsdCents;
  }
  return t;
}

const dollars = (cents: number): string => `$${(cents / 100).toFixed(2)}`;

const header = (by: SpendReport["by"]): string[] => [
  "platform",
  "workspace",
  by === "user" ? "user" : "users",
  "videos",
  "seconds",
  "credits",
  "spend",
  "previews",
  "refunded",
  "in flight",
  "operator",
];
/** Columns from "videos" on hold numbers: right-aligned. */
const FIRST_NUMBER = 3;

const who = (r: SpendRow | WorkspaceSpend): string =>
  "users" in r ? String(r.users) : r.userName === "" ? r.userId : `${r.userName} (${r.userId})`;

export function spendTable(report: SpendReport): string {
  const title = `Spend since ${report.since.toISOString().slice(0, 16).replace("T", " ")} UTC (charged videos; refunds cost nothing; offline previews are counted apart, at no price; operator: videos the provider made that no one was charged for)`;
  if (report.rows.length === 0) return `${title}\n\nNo videos in this period.\n`;
  const numbers = (t: Totals): string[] => [
    String(t.videos),
    String(t.seconds),
    String(t.credits),
    dollars(t.usdCents),
    String(t.previews),
    String(t.refunded),
    String(t.open),
    dollars(t.operatorUsdCents),
  ];
  const rows: readonly (SpendRow | WorkspaceSpend)[] = report.rows;
  const body = rows.map((r) => [r.platform, r.workspaceId, who(r), ...numbers(r)]);
  const users = rows.reduce((n, r) => n + ("users" in r ? r.users : 1), 0);
  const total = ["total", "", `${users} user${users === 1 ? "" : "s"}`, ...numbers(totals(rows))];
  const head = header(report.by);
  const table = [head, ...body, total];
  const widths = head.map((_, i) => Math.max(...table.map((row) => (row[i] ?? "").length)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, i) => (i >= FIRST_NUMBER ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return `${title}\n\n${[head, ...body].map(line).join("\n")}\n${line(total)}\n`;
}

export function spendJson(report: SpendReport): string {
  const { since, by, rows } = report;
  return `${JSON.stringify({ since: since.toISOString(), by, rows, total: totals(rows) }, null, 2)}\n`;
}
