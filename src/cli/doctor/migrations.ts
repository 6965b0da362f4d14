// How many of the shipped migrations a database has had: drizzle records each applied one in
// <schema>.__drizzle_migrations (schema "drizzle" unless FRAMECAST_DB_SCHEMA names one).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, MIGRATIONS_FOLDER } from "../../db/client.ts";
import { rowsOf, sqlState } from "../../db/sql.ts";

const journal = z.object({ entries: z.array(z.object({ tag: z.string() })) });

export function shippedMigrations(): number {
  return journal.parse(JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")))
    .entries.length;
}

export async function appliedMigrations(db: Db, schema: string | undefined): Promise<number> {
  try {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(schema ?? "drizzle")}.__drizzle_migrations`,
      ),
    );
    return Number(row?.n ?? 0);
  } catch (error) {
    if (sqlState(error) === "42P01" || sqlState(error) === "3F000") return 0; // no table or schema yet
    throw error;
  }
}
