// Opens the database: PostgreSQL through postgres.js when a URL is given, else embedded PGlite in
// a data folder (or in memory). Both run the same schema, migrations and queries.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { type DataDirLock, lockDataDir } from "./data-dir-lock.ts";
import * as schema from "./schema/index.ts";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseTarget =
  | { readonly kind: "postgres"; readonly url: string; readonly schema?: string; readonly poolSize?: number }
  | { readonly kind: "pglite"; readonly dataDir: string | null };

/** What the queue needs to open its own connection to the same database. */
export type DatabaseConnection =
  | { readonly kind: "postgres"; readonly url: string; readonly schema: string | undefined }
  | { readonly kind: "pglite"; readonly client: PGlite };

export interface Database {
  readonly db: Db;
  readonly kind: "postgres" | "pglite";
  readonly connection: DatabaseConnection;
  /** Applies every committed migration not yet applied. Safe to run on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "postgres" ? openPostgres(target) : openPglite(target.dataDir);
}

function openPostgres(target: Extract<DatabaseTarget, { kind: "postgres" }>): Database {
  const client = postgres(target.url, {
    max: target.poolSize ?? 10,
    onnotice: () => {},
    ...(target.schema === undefined ? {} : { connection: { search_path: target.schema } }),
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    connection: { kind: "postgres", url: target.url, schema: target.schema },
    migrate: () =>
      underMigrationLock(target, async () => {
        if (target.schema !== undefined)
          await client.unsafe(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
        await migratePostgres(drizzlePostgres(client), {
          migrationsFolder: MIGRATIONS_FOLDER,
          ...(target.schema === undefined ? {} : { migrationsSchema: target.schema }),
        });
      }),
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * Runs `migrate` holding a session advisory lock for the schema, on a connection of its own, so
 * that instances started together on one server migrate one after another: drizzle's migrator
 * reads what was applied and then applies the rest, and two at once both try to create the same
 * tables (and CREATE SCHEMA IF NOT EXISTS itself can fail on a concurrent create).
 */
async function underMigrationLock(
  target: Extract<DatabaseTarget, { kind: "postgres" }>,
  migrate: () => Promise<void>,
): Promise<void> {
  const lock = postgres(target.url, { max: 1, onnotice: () => {} });
  const key = `framecast:migrate:${target.schema ?? "public"}`;
  try {
    await lock`SELECT pg_advisory_lock(hashtext(${key}))`;
    await migrate();
  } finally {
    // Ending the session releases the lock too.
    await lock.end({ timeout: 5 });
  }
}

async function openPglite(dataDir: string | null): Promise<Database> {
  let lock: DataDirLock | undefined;
  if (dataDir !== null) {
    mkdirSync(dataDir, { recursive: true });
    lock = lockDataDir(dataDir);
  }
  try {
    const client = dataDir === null ? new PGlite() : new PGlite(join(dataDir, "pglite"));
    await client.waitReady;
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      connection: { kind: "pglite", client },
      migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER }),
      close: async () => {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
