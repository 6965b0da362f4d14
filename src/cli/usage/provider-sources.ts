// Where `framecast usage --provider` reads from: the jobs each provider ran (the database, or the
// bot holding the embedded one), and the records of the configured providers that keep one.

import type { Config } from "../../config.ts";
import type { Database } from "../../db/client.ts";
import { readProviderJobs } from "../../db/provider-jobs.ts";
import { PixverseAccount } from "../../providers/pixverse/account.ts";
import { providerJobsOrAskBot } from "../held-database.ts";
import type { ProviderSources } from "./provider-report.ts";

export function providerSources(
  config: Config,
  open: () => Promise<Pick<Database, "db" | "close">>,
): ProviderSources {
  const local = async (since: Date) => {
    const db = await open();
    try {
      return await readProviderJobs(db.db, since);
    } finally {
      await db.close();
    }
  };
  const pixverse = config.providers.pixverse;
  return {
    jobs: config.databaseUrl === undefined ? providerJobsOrAskBot(local, config.dataDir) : local,
    records: async (since, until) =>
      pixverse === undefined ? {} : { pixverse: await new PixverseAccount(pixverse).record(since, until) },
  };
}
