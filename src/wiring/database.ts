// The configured database, opened and migrated, with money a previous run left open settled.
// Any failure is a StartupError saying what to do (its cause kept for usage and doctor).

import { sweepMoney } from "../app/money/sweep.ts";
import type { Config } from "../config.ts";
import { type Database, openDatabase } from "../db/client.ts";
import { describeDatabaseError } from "../db/describe-error.ts";
import { SqlMoneyStore } from "../db/money-store.ts";
import { ORPHAN_AFTER_MS } from "./engine.ts";
import { StartupError } from "./startup-error.ts";

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  let db: Database | undefined;
  try {
    db = config.databaseUrl
      ? await openDatabase({
          kind: "postgres",
          url: config.databaseUrl,
          ...(config.dbSchema ? { schema: config.dbSchema } : {}),
        })
      : await openDatabase({ kind: "pglite", dataDir: config.dataDir });
    await db.migrate();
    // Settle the money of jobs a previous run left mid-way (idempotent, cheap when there are none).
    await sweepMoney(new SqlMoneyStore(db.db), new Date(), ORPHAN_AFTER_MS);
    return db;
  } catch (error) {
    await db?.close().catch(() => {});
    throw new StartupError(describeDatabaseError(error, config.databaseUrl !== undefined), { cause: error });
  }
}
