// usage and doctor beside a running bot on the embedded database: the bot holds the data folder
// (one process only), so they ask it through its control socket instead of opening the files.

import { z } from "zod";
import type { ProviderJobRow } from "../app/usage/reconcile.ts";
import { DataDirBusyError } from "../db/data-dir-lock.ts";
import type { SpendRow } from "../db/spend-report.ts";
import { askRunningBot } from "./running-bot.ts";
import type { SpendSource } from "./usage/run-usage.ts";

/** The running bot's pid when `error` (or its cause) says another process holds the data folder. */
export function heldBy(error: unknown): number | undefined {
  if (error instanceof DataDirBusyError) return error.pid;
  return error instanceof Error && error.cause !== undefined ? heldBy(error.cause) : undefined;
}

const spendRows = z.array(
  z.object({
    platform: z.string(),
    workspaceId: z.string(),
    userId: z.string(),
    userName: z.string(),
    videos: z.number(),
    seconds: z.number(),
    credits: z.number(),
    usdCents: z.number(),
    previews: z.number(),
    operatorUsdCents: z.number(),
    refunded: z.number(),
    open: z.number(),
  }),
) satisfies z.ZodType<SpendRow[]>;

/**
 * Reads `local` since a date; when a running bot holds the embedded database, asks that bot at
 * `path` instead (`?since=` added), its answer checked with `schema`.
 */
function localOrAskBot<T>(
  local: (since: Date) => Promise<T>,
  dataDir: string,
  path: string,
  schema: z.ZodType<T>,
): (since: Date) => Promise<T> {
  return async (since) => {
    try {
      return await local(since);
    } catch (error) {
      if (heldBy(error) === undefined) throw error;
      const answer = await askRunningBot(dataDir, `${path}?since=${since.toISOString()}`, schema);
      if (answer === undefined) throw error;
      return answer;
    }
  };
}

/** Spend (usage): from `local`, else the running bot. */
export function spendOrAskBot(local: SpendSource, dataDir: string): SpendSource {
  return localOrAskBot<readonly SpendRow[]>(local, dataDir, "/spend", spendRows);
}

const providerJobRows = z.array(
  z.object({
    provider: z.string(),
    providerJobId: z.string(),
    outcome: z.enum(["charged", "refunded", "open"]),
    usdCents: z.number(),
  }),
) satisfies z.ZodType<ProviderJobRow[]>;

/** The jobs that reached a provider (usage --provider): from `local`, else the running bot. */
export function providerJobsOrAskBot(
  local: (since: Date) => Promise<readonly ProviderJobRow[]>,
  dataDir: string,
): (since: Date) => Promise<readonly ProviderJobRow[]> {
  return localOrAskBot<readonly ProviderJobRow[]>(local, dataDir, "/provider-jobs", providerJobRows);
}

const migrationCounts = z.object({ applied: z.number().int(), shipped: z.number().int() });

/** The running bot's migration counts, or undefined when it does not answer. */
export function migrationsOfRunningBot(
  dataDir: string,
): Promise<z.infer<typeof migrationCounts> | undefined> {
  return askRunningBot(dataDir, "/migrations", migrationCounts);
}
