// `framecast usage [--json] [--by user|workspace] [--days N | --since YYYY-MM-DD]`: who spent what.

import type { Database } from "../../db/client.ts";
import { readSpend } from "../../db/spend-report.ts";
import { byWorkspace, type SpendReport, spendJson, spendTable } from "./table.ts";

export const USAGE_USAGE = `Usage: framecast usage [--json] [--by user|workspace] [--days N | --since YYYY-MM-DD]

Spend per platform, workspace and user (or per workspace with --by workspace): charged videos,
seconds, credits and list price, with refunds, videos in flight and the operator's cost (videos
a provider made that no one was charged for). The last 30 days unless told otherwise; --json for
machines.`;

type UsageArgs = { json: boolean; by: SpendReport["by"]; since: Date } | { usage: string; code: number };

const DAY_MS = 86_400_000;

export function parseUsageArgs(args: readonly string[], now: Date): UsageArgs {
  let json = false;
  let by: SpendReport["by"] = "user";
  let since = new Date(now.getTime() - 30 * DAY_MS);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = args[i + 1];
    if (arg === "--json") json = true;
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

/** Resolves with the exit code; opens the database only for a well-formed command. */
export async function runUsage(
  args: readonly string[],
  open: () => Promise<Pick<Database, "db" | "close">>,
  centsPerCredit: number,
  io: UsageIo,
): Promise<number> {
  const parsed = parseUsageArgs(args, io.now);
  if ("usage" in parsed) {
    io.err(`${parsed.usage}\n`);
    return parsed.code;
  }
  const database = await open();
  try {
    const rows = await readSpend(database.db, parsed.since, centsPerCredit);
    const report: SpendReport =
      parsed.by === "user"
        ? { since: parsed.since, by: "user", rows }
        : { since: parsed.since, by: "workspace", rows: byWorkspace(rows) };
    io.out(parsed.json ? spendJson(report) : spendTable(report));
  } finally {
    await database.close();
  }
  return 0;
}
