import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { rowsOf } from "../../src/db/sql.ts";
import { assertTestDatabase, onPostgres } from "../support/database.ts";

// Several instances started together on one fresh PostgreSQL schema (a deployment scaled to N at
// once): each migrates at start, and none may fail for racing the others. (PGlite: one process.)
describe.runIf(onPostgres())("migrations from several instances at once", () => {
  it("GIVEN four instances migrating one fresh schema together THEN all succeed, each migration applied once", async () => {
    const url = process.env.DATABASE_URL ?? "";
    assertTestDatabase(url);
    const schema = `t_${randomBytes(6).toString("hex")}`;
    const instances = await Promise.all(
      Array.from({ length: 4 }, () => openDatabase({ kind: "postgres", url, schema, poolSize: 2 })),
    );
    try {
      const results = await Promise.allSettled(instances.map((db) => db.migrate()));
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      const [first] = instances;
      if (first === undefined) throw new Error("no instance");
      const applied = rowsOf<{ n: number; distinct: number }>(
        await first.db.execute(
          sql.raw(
            `SELECT count(*)::int AS n, count(DISTINCT hash)::int AS distinct FROM "${schema}".__drizzle_migrations`,
          ),
        ),
      );
      expect(applied[0]?.n).toBeGreaterThan(0);
      expect(applied[0]?.n).toBe(applied[0]?.distinct);
    } finally {
      await instances[0]?.db.execute(sql.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
      await Promise.all(instances.map((db) => db.close()));
    }
  }, 60_000);
});
