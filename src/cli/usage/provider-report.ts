// `framecast usage --provider`: framecast's ledger per provider beside the provider's own record
// of what it billed, where it keeps one (PixVerse: its usage detail and balance), and every
// difference between the two, named with its videos.

import {
  type ProviderJobRow,
  type ProviderReconciliation,
  type ProviderRecord,
  reconcile,
} from "../../app/usage/reconcile.ts";
import { providerName } from "../../core/views/providers.ts";

export interface ProviderSources {
  /** Jobs that reached a provider since the date (from the database, or the running bot). */
  readonly jobs: (since: Date) => Promise<readonly ProviderJobRow[]>;
  /** Each configured provider's own record, where it keeps one. */
  readonly records: (since: Date, until: Date) => Promise<Readonly<Partial<Record<string, ProviderRecord>>>>;
}

const label = providerName;

export async function providerReport(
  since: Date,
  now: Date,
  sources: ProviderSources,
): Promise<ProviderReconciliation[]> {
  const [jobs, records] = await Promise.all([sources.jobs(since), sources.records(since, now)]);
  return reconcile(jobs, records, label);
}

const stamp = (d: Date): string => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const usd = (cents: number): string => `$${(cents / 100).toFixed(2)}`;
const number = (n: number): string => n.toLocaleString("en-US");

function recordCell(r: ProviderReconciliation): string {
  if (r.record === undefined) return `none to compare: ${label(r.provider)} keeps no record framecast reads`;
  const balance =
    r.record.balanceCredits === undefined ? "" : `; balance ${number(r.record.balanceCredits)} credits`;
  return `${number(r.record.credits)} credits (${usd(r.record.cents)}) for ${r.record.videos} video${r.record.videos === 1 ? "" : "s"}${balance}`;
}

export function providerTable(since: Date, report: readonly ProviderReconciliation[]): string {
  const title = `Provider spend since ${stamp(since)}: framecast's ledger beside each provider's own record\n\n`;
  if (report.length === 0) return `${title}No video reached a provider in this period.\n`;
  const head = ["provider", "sent", "charged", "refunded", "in flight", "list price", "provider's record"];
  const rows = report.map((r) => [
    r.provider,
    String(r.sent),
    String(r.charged),
    String(r.refunded),
    String(r.open),
    usd(r.listCents),
    recordCell(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) =>
        i === 0 || i === cells.length - 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0),
      )
      .join("  ")
      .trimEnd();
  const notes = report
    .filter((r) => r.record !== undefined)
    .map((r) =>
      r.differences.length === 0
        ? `${label(r.provider)}: no differences.`
        : [
            `${label(r.provider)}: ${r.differences.length} difference${r.differences.length === 1 ? "" : "s"}`,
            ...r.differences.map((d) => `  • ${d.text}: ${d.videos.join(", ")}`),
          ].join("\n"),
    );
  return `${title}${[line(head), ...rows.map(line)].join("\n")}\n${notes.length > 0 ? `\n${notes.join("\n")}\n` : ""}`;
}

export function providerJson(since: Date, report: readonly ProviderReconciliation[]): string {
  return `${JSON.stringify({ since: since.toISOString(), providers: report }, null, 2)}\n`;
}
