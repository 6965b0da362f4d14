import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { rowsOf } from "../../src/db/sql.ts";

/** The ledger's invariant: every counter equals its reserve entries minus its refund entries. */
export async function expectLedgerMatchesCounters(db: Db): Promise<void> {
  const mismatches = rowsOf(
    await db.execute(sql`
      WITH sums AS (
        SELECT counter_key, period, period_start,
               sum(CASE kind WHEN 'reserve' THEN videos ELSE -videos END)::int AS videos,
               sum(CASE kind WHEN 'reserve' THEN seconds ELSE -seconds END)::int AS seconds,
               sum(CASE kind WHEN 'reserve' THEN credits ELSE -credits END)::int AS credits
        FROM ledger WHERE kind IN ('reserve', 'refund')
        GROUP BY counter_key, period, period_start
      )
      SELECT c.counter_key, c.videos, s.videos AS ledger_videos
      FROM usage_counters c
      FULL JOIN sums s USING (counter_key, period, period_start)
      WHERE c.videos IS DISTINCT FROM coalesce(s.videos, 0)
         OR c.seconds IS DISTINCT FROM coalesce(s.seconds, 0)
         OR c.credits IS DISTINCT FROM coalesce(s.credits, 0)`),
  );
  expect(mismatches).toEqual([]);
}

export async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(query));
  return Number(row?.n ?? 0);
}
