import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.ts";

// Every test file gets a database of its own: an in-memory PGlite, or, when DATABASE_URL is set,
// a fresh schema on that PostgreSQL server (dropped afterwards). The suite runs both ways in CI.

export const onPostgres = (): boolean => (process.env.DATABASE_URL ?? "") !== "";

/** Refuses any database whose name does not say it is for tests. */
export function assertTestDatabase(url: string): void {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//u, ""));
  if (!name.includes("test")) {
    throw new Error(`Refusing to run tests against database "${name}": its name must contain "test".`);
  }
}

export interface TestDatabase extends Database {
  readonly label: string;
}

export async function openTestDatabase(poolSize = 10): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL ?? "";
  if (url === "") {
    const db = await openDatabase({ kind: "pglite", dataDir: null });
    await db.migrate();
    return { ...db, label: "PGlite" };
  }
  assertTestDatabase(url);
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const db = await openDatabase({ kind: "postgres", url, schema, poolSize });
  await db.migrate();
  return {
    ...db,
    label: "PostgreSQL",
    close: async () => {
      await db.db.execute(sql.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
      await db.close();
    },
  };
}

/**
 * A database for the enclosing test file: opened before its tests, closed after. Call the
 * returned function inside tests (or later hooks) to get it.
 */
export function useTestDatabase(poolSize = 10): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(poolSize);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });
  return () => {
    if (database === undefined)
      throw new Error("the test database is opened in beforeAll; use it inside tests");
    return database;
  };
}
