// The spend report as a plain-text table (aligned columns, a total line) or as JSON.

import type { SpendRow } from "../../db/spend-report.ts";

export interface SpendReport {
  readonly since: Date;
  readonly rows: readonly SpendRow[];
}

type Totals = Pick<SpendRow, "videos" | "seconds" | "credits" | "usdCents" | "refunded" | "open">;

function totals(rows: readonly SpendRow[]): Totals {
  const t = { videos: 0, seconds: 0, credits: 0, usdCents: 0, refunded: 0, open: 0 };
  for (const r of rows) {
    t.videos += r.videos;
    t.seconds += r.seconds;
    t.credits += r.credits;
    t.usdCents += r.usdCents;
    t.refunded += r.refunded;
    t.open += r.open;
  }
  return t;
}

const dollars = (cents: number): string => `$${(cents / 100).toFixed(2)}`;

const HEADER = [
  "platform",
  "workspace",
  "user",
  "videos",
  "seconds",
  "credits",
  "spend",
  "refunded",
  "in flight",
];
/** Columns from "videos" on hold numbers: right-aligned. */
const FIRST_NUMBER = 3;

export function spendTable(report: SpendReport): string {
  const title = `Spend since ${report.since.toISOString().slice(0, 16).replace("T", " ")} UTC (charged videos; refunds cost nothing)`;
  if (report.rows.length === 0) return `${title}\n\nNo videos in this period.\n`;
  const numbers = (t: Totals): string[] => [
    String(t.videos),
    String(t.seconds),
    String(t.credits),
    dollars(t.usdCents),
    String(t.refunded),
    String(t.open),
  ];
  const body = report.rows.map((r) => [
    r.platform,
    r.workspaceId,
    r.userName === "" ? r.userId : `${r.userName} (${r.userId})`,
    ...numbers(r),
  ]);
  const total = [
    "total",
    "",
    `${report.rows.length} user${report.rows.length === 1 ? "" : "s"}`,
    ...numbers(totals(report.rows)),
  ];
  const table = [HEADER, ...body, total];
  const widths = HEADER.map((_, i) => Math.max(...table.map((row) => (row[i] ?? "").length)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, i) => (i >= FIRST_NUMBER ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return `${title}\n\n${[HEADER, ...body].map(line).join("\n")}\n${line(total)}\n`;
}

export function spendJson(report: SpendReport): string {
  return `${JSON.stringify({ since: report.since.toISOString(), rows: report.rows, total: totals(report.rows) }, null, 2)}\n`;
}
