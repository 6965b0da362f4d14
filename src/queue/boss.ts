// pg-boss (pinned 12.35.0) as the durable queue, on the same database as everything else: its own
// connection pool on PostgreSQL, or the in-process PGlite client. LISTEN/NOTIFY is on, so an idle
// worker picks a new job up within milliseconds rather than at the next poll.

import { fromPglite, PgBoss } from "pg-boss";
import type { Database } from "../db/client.ts";

export interface BossOptions {
  /** Where pg-boss keeps its tables (a separate schema; tests give each database its own). */
  readonly schema?: string;
  readonly poolSize?: number;
  /** How often expired steps (a crashed worker's) are looked for. */
  readonly superviseSeconds?: number;
}

export function createBoss(database: Database, options: BossOptions = {}): PgBoss {
  const c = database.connection;
  const schema =
    options.schema ?? (c.kind === "postgres" && c.schema !== undefined ? `${c.schema}_boss` : "pgboss");
  const boss =
    c.kind === "postgres"
      ? new PgBoss({
          connectionString: c.url,
          schema,
          max: options.poolSize ?? 4,
          useListenNotify: true,
          superviseIntervalSeconds: options.superviseSeconds ?? 60,
          maintenanceIntervalSeconds: options.superviseSeconds ?? 60,
          monitorIntervalSeconds: options.superviseSeconds ?? 60,
        })
      : new PgBoss({
          db: fromPglite(c.client),
          backend: "pglite",
          schema,
          useListenNotify: true,
          superviseIntervalSeconds: options.superviseSeconds ?? 60,
          maintenanceIntervalSeconds: options.superviseSeconds ?? 60,
          monitorIntervalSeconds: options.superviseSeconds ?? 60,
        });
  return boss;
}
