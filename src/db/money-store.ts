// The money rules' storage: reserve, charge and refund, each one transaction, each idempotent.
//
// reserve: upsert-and-lock every counter row in key order (so concurrent reservations never
//   deadlock), check every limit against the locked values, then in one statement insert the
//   reservation (ON CONFLICT DO NOTHING: a replay inserts nothing), move the counters and append
//   the ledger entries, all conditioned on that insert.
// charge/refund: a conditional state change from `reserved`; only the transaction that wins it
//   appends to the ledger (and, for a refund, gives the counters back).

import { type SQL, sql } from "drizzle-orm";
import type {
  CounterValue,
  MoneyState,
  MoneyStore,
  ReserveInput,
  ReserveOutcome,
  SettleOutcome,
  Unsettled,
} from "../app/money/ports.ts";
import type { Usage } from "../core/quota/policy.ts";
import { firstBreach } from "../core/quota/refusal.ts";
import type { Db } from "./client.ts";
import { rowsOf, withRetry } from "./sql.ts";

interface CounterRef {
  readonly key: string;
  readonly period: string;
  readonly periodStart: Date;
}

const tuple = (c: CounterRef): SQL =>
  sql`(${c.key}, ${c.period}, ${c.periodStart.toISOString()}::timestamptz)`;
const tuples = (cs: readonly CounterRef[]): SQL => sql.join(cs.map(tuple), sql`, `);
const sameCounter = (a: CounterRef, key: string, period: string, start: Date): boolean =>
  a.key === key && a.period === period && a.periodStart.getTime() === start.getTime();

interface CounterRow {
  counter_key: string;
  period: string;
  period_start: string | Date;
  videos: number;
  seconds: number;
  credits: number;
}

const toDate = (v: string | Date): Date => (v instanceof Date ? v : new Date(v));

export class SqlMoneyStore implements MoneyStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  reserve(input: ReserveInput): Promise<ReserveOutcome> {
    const { jobId, requester, usage, counters } = input;
    if (counters.length === 0) throw new Error("a reservation needs at least one counter");
    return withRetry(() =>
      this.#db.transaction(async (tx) => {
        const locked = rowsOf<CounterRow>(
          await tx.execute(sql`
            INSERT INTO usage_counters (counter_key, period, period_start)
            VALUES ${tuples(counters)}
            ON CONFLICT (counter_key, period, period_start) DO UPDATE SET updated_at = now()
            RETURNING counter_key, period, period_start, videos, seconds, credits`),
        );
        for (const plan of counters) {
          if (plan.limits === null) continue;
          const row = locked.find((r) => sameCounter(plan, r.counter_key, r.period, toDate(r.period_start)));
          const used: Usage = {
            videos: row?.videos ?? 0,
            seconds: row?.seconds ?? 0,
            credits: row?.credits ?? 0,
          };
          const dimension = firstBreach(plan.limits, used, usage);
          if (dimension === undefined) continue;
          // A replay of a reservation that already took the room is not a refusal.
          const existing = rowsOf(await tx.execute(sql`SELECT 1 FROM reservations WHERE job_id = ${jobId}`));
          if (existing.length > 0) return { status: "already_reserved" };
          return {
            status: "refused",
            breach: {
              scope: plan.scope,
              period: plan.period,
              dimension,
              limit: plan.limits[dimension] ?? 0,
              used: used[dimension],
              needed: usage[dimension],
              resetsAt: plan.resetsAt,
            },
          };
        }
        const [result] = rowsOf<{ reserved: number; moved: number; logged: number }>(
          await tx.execute(sql`
            WITH r AS (
              INSERT INTO reservations (job_id, platform, workspace_id, user_id, state, videos, seconds, credits)
              VALUES (${jobId}, ${requester.platform}, ${requester.workspaceId}, ${requester.userId}, 'reserved',
                      ${usage.videos}, ${usage.seconds}, ${usage.credits})
              ON CONFLICT (job_id) DO NOTHING
              RETURNING job_id
            ),
            moved AS (
              UPDATE usage_counters c
              SET videos = c.videos + ${usage.videos}, seconds = c.seconds + ${usage.seconds},
                  credits = c.credits + ${usage.credits}, updated_at = now()
              FROM r
              WHERE (c.counter_key, c.period, c.period_start) IN (${tuples(counters)})
              RETURNING 1
            ),
            logged AS (
              INSERT INTO ledger (job_id, kind, counter_key, period, period_start, videos, seconds, credits)
              SELECT r.job_id, 'reserve', v.counter_key, v.period, v.period_start,
                     ${usage.videos}, ${usage.seconds}, ${usage.credits}
              FROM r, (VALUES ${tuples(counters)}) AS v(counter_key, period, period_start)
              RETURNING 1
            )
            SELECT (SELECT count(*) FROM r)::int AS reserved, (SELECT count(*) FROM moved)::int AS moved,
                   (SELECT count(*) FROM logged)::int AS logged`),
        );
        if (result === undefined || result.reserved === 0) return { status: "already_reserved" };
        if (result.moved !== counters.length || result.logged !== counters.length) {
          throw new Error(
            `reservation ${jobId} moved ${result.moved} and logged ${result.logged} of ${counters.length} counters`,
          );
        }
        return { status: "reserved" };
      }),
    );
  }

  charge(jobId: string): Promise<SettleOutcome> {
    return withRetry(() =>
      this.#db.transaction(async (tx) => {
        const won = rowsOf(
          await tx.execute(sql`
            WITH r AS (
              UPDATE reservations SET state = 'charged', settled_at = now()
              WHERE job_id = ${jobId} AND state = 'reserved'
              RETURNING job_id, videos, seconds, credits, created_at
            )
            INSERT INTO ledger (job_id, kind, counter_key, period, period_start, videos, seconds, credits)
            SELECT job_id, 'charge', 'job', 'total', created_at, videos, seconds, credits FROM r
            ON CONFLICT DO NOTHING
            RETURNING 1`),
        );
        return won.length > 0 ? { status: "settled" } : this.#stateOf(tx, jobId);
      }),
    );
  }

  refund(jobId: string, reason: string): Promise<SettleOutcome> {
    return withRetry(() =>
      this.#db.transaction(async (tx) => {
        const won = rowsOf(
          await tx.execute(sql`
            UPDATE reservations SET state = 'refunded', reason = ${reason}, settled_at = now()
            WHERE job_id = ${jobId} AND state = 'reserved'
            RETURNING job_id`),
        );
        if (won.length === 0) return this.#stateOf(tx, jobId);
        const taken = rowsOf<CounterRow>(
          await tx.execute(sql`
            SELECT counter_key, period, period_start, videos, seconds, credits FROM ledger
            WHERE job_id = ${jobId} AND kind = 'reserve'`),
        );
        if (taken.length === 0) return { status: "settled" };
        const refs = taken.map((t) => ({
          key: t.counter_key,
          period: t.period,
          periodStart: toDate(t.period_start),
        }));
        // Lock in the same order reserve() does, so a refund and a reservation never deadlock.
        await tx.execute(sql`
          SELECT 1 FROM usage_counters WHERE (counter_key, period, period_start) IN (${tuples(refs)})
          ORDER BY counter_key COLLATE "C", period COLLATE "C", period_start FOR UPDATE`);
        await tx.execute(sql`
          UPDATE usage_counters c
          SET videos = c.videos - l.videos, seconds = c.seconds - l.seconds, credits = c.credits - l.credits,
              updated_at = now()
          FROM ledger l
          WHERE l.job_id = ${jobId} AND l.kind = 'reserve'
            AND c.counter_key = l.counter_key AND c.period = l.period AND c.period_start = l.period_start`);
        await tx.execute(sql`
          INSERT INTO ledger (job_id, kind, counter_key, period, period_start, videos, seconds, credits, reason)
          SELECT job_id, 'refund', counter_key, period, period_start, videos, seconds, credits, ${reason}
          FROM ledger WHERE job_id = ${jobId} AND kind = 'reserve'
          ON CONFLICT DO NOTHING`);
        return { status: "settled" };
      }),
    );
  }

  async #stateOf(tx: Pick<Db, "execute">, jobId: string): Promise<SettleOutcome> {
    const [row] = rowsOf<{ state: MoneyState }>(
      await tx.execute(sql`SELECT state FROM reservations WHERE job_id = ${jobId}`),
    );
    return row === undefined ? { status: "unknown_job" } : { status: "unchanged", state: row.state };
  }

  async readCounters(counters: readonly CounterRef[]): Promise<CounterValue[]> {
    if (counters.length === 0) return [];
    const rows = rowsOf<CounterRow>(
      await this.#db.execute(sql`
        SELECT counter_key, period, period_start, videos, seconds, credits FROM usage_counters
        WHERE (counter_key, period, period_start) IN (${tuples(counters)})`),
    );
    return counters.map((c) => {
      const row = rows.find((r) => sameCounter(c, r.counter_key, r.period, toDate(r.period_start)));
      return {
        key: c.key,
        period: c.period,
        periodStart: c.periodStart,
        usage: { videos: row?.videos ?? 0, seconds: row?.seconds ?? 0, credits: row?.credits ?? 0 },
      };
    });
  }

  async unsettled(limit: number): Promise<Unsettled[]> {
    const rows = rowsOf<{ job_id: string; job_state: string | null; created_at: string | Date }>(
      await this.#db.execute(sql`
        SELECT r.job_id, j.state AS job_state, r.created_at FROM reservations r
        LEFT JOIN jobs j ON j.id = r.job_id
        WHERE r.state = 'reserved'
        ORDER BY r.created_at
        LIMIT ${limit}`),
    );
    return rows.map((r) => ({ jobId: r.job_id, jobState: r.job_state, reservedAt: toDate(r.created_at) }));
  }
}
