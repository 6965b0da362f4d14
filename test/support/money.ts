import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { rowsOf } from "../../src/db/sql.ts";

/** The ledger's invariant: every counter equals its reserve entries minus its refund entries. */
export async function expectLedgerMatchesCounters(db: Db): Promise<void> {
  const mismatches = rowsOf(
    await db.execute(sql`
      WITH entries AS (
        SELECT x.key, w.period, w.start,
               CASE l.kind WHEN 'reserve' THEN 1 ELSE -1 END AS sign, l.videos, l.seconds, l.credits
        FROM ledger l,
             jsonb_to_recordset(l.counters) AS x(key text, day timestamptz, week timestamptz, month timestamptz),
             LATERAL (VALUES ('day', x.day), ('week', x.week), ('month', x.month)) AS w(period, start)
        WHERE l.kind IN ('reserve', 'refund')
      ),
      sums AS (
        SELECT key, period, start, sum(sign * videos)::int AS videos, sum(sign * seconds)::int AS seconds,
               sum(sign * credits)::int AS credits
        FROM entries GROUP BY key, period, start
      ),
      windows AS (
        SELECT u.counter_key AS key, w.*
        FROM usage_counters u,
             LATERAL (VALUES ('day', u.day_start, u.day_videos, u.day_seconds, u.day_credits),
                             ('week', u.week_start, u.week_videos, u.week_seconds, u.week_credits),
                             ('month', u.month_start, u.month_videos, u.month_seconds, u.month_credits))
               AS w(period, start, videos, seconds, credits)
      )
      SELECT w.key, w.period, w.videos, s.videos AS ledger_videos
      FROM windows w LEFT JOIN sums s ON s.key = w.key AND s.period = w.period AND s.start = w.start
      WHERE w.videos <> coalesce(s.videos, 0) OR w.seconds <> coalesce(s.seconds, 0)
         OR w.credits <> coalesce(s.credits, 0)`),
  );
  expect(mismatches).toEqual([]);
}

export async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(query));
  return Number(row?.n ?? 0);
}

/** How many times a job was charged (exactly once for a delivered job, never for a refused one). */
export function chargesOf(db: Db, jobId: string): Promise<number> {
  return count(db, sql`SELECT count(*)::int AS n FROM ledger WHERE job_id = ${jobId} AND kind = 'charge'`);
}
