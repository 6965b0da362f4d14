// `framecast usage [--json] [--by user|workspace | --provider] [--days N | --since YYYY-MM-DD]`:
// who spent what, or (--provider) framecast's ledger beside each provider's own record.

import type { Database } from "../../db/client.ts";
import { readSpend, type SpendRow } from "../../db/spend-report.ts";
import { type ProviderSources, providerJson, providerReport, providerTable } from "./provider-report.ts";
import { byWorkspace, type SpendReport, spendJson, spendTable } from "./table.ts";

export const USAGE_USAGE = `Usage: framecast usage [--json] [--by user|workspace | --provider] [--days N | --since YYYY-MM-DD]

Spend per platform, workspace and user (or per workspace with --by workspace): charged videos,
seconds, credits and list price, with offline previews (free, counted apart), refunds, videos in
flight and the operator's cost (videos a provider made that no one was charged for). --provider
instead compares, per provider, what framecast sent and charged with the provider's own record of
what it billed (PixVerse: its usage detail and balance), and names every difference. The last 30
days unless told otherwise; --json for machines.`;

type UsageArgs =
  | { json: boolean; by: SpendReport["by"] | "provider"; since: Date }
  | { usage: string; code: number };

const DAY_MS = 86_400_000;

export function parseUsageArgs(args: readonly string[], now: Date): UsageArgs {
  let json = false;
  let by: SpendReport["by"] | "provider" = "user";
  let since = new Date(now.getTime() - 30 * DAY_MS);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = args[i + 1];
    if (arg === "--json") json = true;
    else if (arg === "--provider") by = "provider";
    else if (arg === "--help" || arg === "-h") return { usage: USAGE_USAGE, code: 0 };
    else if (arg === "--by" && (value === "user" || value === "workspace")) {
      by = value;
      i++;
    } else if (arg === "--days" && value !== undefined && /^\d{1,5}$/u.test(value) && Number(value) > 0) {
      since = new Date(now.getTime() - Number(value) * DAY_MS);
      i++;
    } else if (arg === "--since" && value !== undefined && /^\d{4}-\d{2}-\d{2}$/u.test(value)) {
      since = new Date(`${value}T00:00:00Z`);
      if (Number.isNaN(since.getTime())) return { usage: `Not a date: ${value}.\n\n${USAGE_USAGE}`, code: 2 };
      i++;
    } else
      return {
        usage: `Can't read ${arg ?? ""}${value === undefined ? "" : ` ${value}`}.\n\n${USAGE_USAGE}`,
        code: 2,
      };
  }
  return { json, by, since };
}

export interface UsageIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly now: Date;
}

/** Spend since a date: read from the database, or asked of the bot that holds it. */
export type SpendSource = (since: Date) => Promise<readonly SpendRow[]>;

/** Opens the database for one read, and closes it. */
export function spendFromDatabase(
  open: () => Promise<Pick<Database, "db" | "close">>,
  centsPerCredit: number,
): SpendSource {
  return async (since) => {
    const database = await open();
    try {
      return await readSpend(database.db, since, centsPerCredit);
    } finally {
      await database.close();
    }
  };
}

/** Resolves with the exit code; reads the spend only for a well-formed command. */
export async function runUsage(
  args: readonly string[],
  read: SpendSource,
  io: UsageIo,
  providers?: ProviderSources,
): Promise<number> {
  const parsed = parseUsageArgs(args, io.now);
  if ("usage" in parsed) {
    io.err(`${parsed.usage}\n`);
    return parsed.code;
  }
  if (parsed.by === "provider") {
    if (providers === undefined) {
      io.err("framecast usage --provider: no provider records here.\n");
      return 2;
    }
    const report = await providerReport(parsed.since, io.now, providers);
    io.out(parsed.json ? providerJson(parsed.since, report) : providerTable(parsed.since, report));
    return 0;
  }
  const rows = [...(await read(parsed.since))];
  const report: SpendReport =
    parsed.by === "user"
      ? { since: parsed.since, by: "user", rows }
      : { since: parsed.since, by: "workspace", rows: byWorkspace(rows) };
  io.out(parsed.json ? spendJson(report) : spendTable(report));
  return 0;
}
