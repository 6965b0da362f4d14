// The money rules' storage: reserve, charge and refund, each one call to a PL/pgSQL function
// (src/db/migrations/0002_money_functions.sql): one round trip, one transaction, idempotent.
//
// reserve: lock every counter row in key order (so concurrent reservations never deadlock), check
//   every limit against the locked values, then insert the reservation (a replay inserts nothing),
//   move the counters and append the ledger entries, all or none.
// charge/refund: a conditional state change from `reserved`; only the call that wins it appends to
//   the ledger (and, for a refund, gives the counters back).

import { sql } from "drizzle-orm";
import type {
  MoneyState,
  MoneyStore,
  ReserveInput,
  ReserveOutcome,
  SettleOutcome,
  Unsettled,
} from "../app/money/ports.ts";
import {
  type CounterPlan,
  type Usage,
  type WindowUsage,
  ZERO_USAGE,
  ZERO_WINDOWS,
} from "../core/quota/policy.ts";
import type { Db } from "./client.ts";
import { parseJson, refusalOf, reservePlan } from "./reserve-plan.ts";
import { rowsOf, withRetry } from "./sql.ts";

interface CounterRow {
  counter_key: string;
  day_start: string | Date;
  day_videos: number;
  day_seconds: number;
  day_credits: number;
  week_start: string | Date;
  week_videos: number;
  week_seconds: number;
  week_credits: number;
  month_start: string | Date;
  month_videos: number;
  month_seconds: number;
  month_credits: number;
}

const toDate = (v: string | Date): Date => (v instanceof Date ? v : new Date(v));

/** A counter row's windows as of `starts`: a window that has ended reads as zero. */
function windowsOf(row: CounterRow, starts: CounterPlan["starts"]): WindowUsage {
  const window = (start: string | Date, from: Date, usage: Usage): Usage =>
    toDate(start).getTime() >= from.getTime() ? usage : ZERO_USAGE;
  return {
    day: window(row.day_start, starts.day, {
      videos: row.day_videos,
      seconds: row.day_seconds,
      credits: row.day_credits,
    }),
    week: window(row.week_start, starts.week, {
      videos: row.week_videos,
      seconds: row.week_seconds,
      credits: row.week_credits,
    }),
    month: window(row.month_start, starts.month, {
      videos: row.month_videos,
      seconds: row.month_seconds,
      credits: row.month_credits,
    }),
  };
}

function settleOutcome(reply: string): SettleOutcome {
  if (reply === "settled") return { status: "settled" };
  if (reply === "unknown_job") return { status: "unknown_job" };
  return { status: "unchanged", state: reply as MoneyState };
}

export class SqlMoneyStore implements MoneyStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async reserve(input: ReserveInput): Promise<ReserveOutcome> {
    const { jobId, requester, usage } = input;
    const plan = reservePlan(input.counters);
    try {
      const [row] = rowsOf<{ reply: unknown }>(
        await withRetry(() =>
          this.#db.execute(sql`
            SELECT framecast_reserve(${jobId}, ${requester.platform}, ${requester.workspaceId}, ${requester.userId},
                                     ${usage.videos}, ${usage.seconds}, ${usage.credits}, ${plan}::jsonb) AS reply`),
        ),
      );
      return { status: parseJson<{ status: "reserved" | "already_reserved" }>(row?.reply).status };
    } catch (error) {
      const refused = refusalOf(error, input);
      if (refused === undefined) throw error;
      return refused;
    }
  }

  async charge(jobId: string): Promise<SettleOutcome> {
    const [row] = rowsOf<{ reply: string }>(
      await withRetry(() => this.#db.execute(sql`SELECT framecast_charge(${jobId}) AS reply`)),
    );
    return settleOutcome(row?.reply ?? "unknown_job");
  }

  async refund(jobId: string, reason: string): Promise<SettleOutcome> {
    const [row] = rowsOf<{ reply: string }>(
      await withRetry(() => this.#db.execute(sql`SELECT framecast_refund(${jobId}, ${reason}) AS reply`)),
    );
    return settleOutcome(row?.reply ?? "unknown_job");
  }

  async absorb(jobId: string, reason: string): Promise<void> {
    // The reservation's usage, as an `operator` ledger entry; it moves no counter.
    await withRetry(() =>
      this.#db.execute(sql`
        INSERT INTO ledger (job_id, kind, videos, seconds, credits, counters, reason)
        SELECT job_id, 'operator', videos, seconds, credits, '[]'::jsonb, ${reason} FROM reservations
        WHERE job_id = ${jobId} AND state <> 'charged'
        ON CONFLICT DO NOTHING`),
    );
  }

  async readCounters(keys: readonly string[], starts: CounterPlan["starts"]): Promise<WindowUsage[]> {
    if (keys.length === 0) return [];
    const rows = rowsOf<CounterRow>(
      await this.#db.execute(
        sql`SELECT * FROM usage_counters WHERE counter_key IN (${sql.join(
          keys.map((k) => sql`${k}`),
          sql`, `,
        )})`,
      ),
    );
    return keys.map((key) => {
      const row = rows.find((r) => r.counter_key === key);
      return row === undefined ? ZERO_WINDOWS : windowsOf(row, starts);
    });
  }

  async listCounters(
    prefix: string,
    starts: CounterPlan["starts"],
  ): Promise<{ key: string; usage: WindowUsage }[]> {
    const pattern = `${prefix.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
    const rows = rowsOf<CounterRow>(
      await this.#db.execute(
        sql`SELECT * FROM usage_counters WHERE counter_key LIKE ${pattern} ORDER BY counter_key`,
      ),
    );
    return rows.map((row) => ({ key: row.counter_key, usage: windowsOf(row, starts) }));
  }

  async unsettled(limit: number, after?: string): Promise<Unsettled[]> {
    // Keyset paging on (created_at, job_id), the position carried as text so that no microsecond
    // is lost on the way through a JavaScript Date.
    const [afterAt, afterId] = after === undefined ? [] : (JSON.parse(after) as [string, string]);
    const rows = rowsOf<{ job_id: string; job_state: string | null; created_at: string | Date; at: string }>(
      await this.#db.execute(sql`
        SELECT r.job_id, j.state AS job_state, r.created_at, r.created_at::text AS at FROM reservations r
        LEFT JOIN jobs j ON j.id = r.job_id
        WHERE r.state = 'reserved'
          ${afterAt === undefined ? sql`` : sql`AND (r.created_at, r.job_id) > (${afterAt}::timestamptz, ${afterId ?? ""})`}
        ORDER BY r.created_at, r.job_id
        LIMIT ${limit}`),
    );
    return rows.map((r) => ({
      jobId: r.job_id,
      jobState: r.job_state,
      reservedAt: toDate(r.created_at),
      position: JSON.stringify([r.at, r.job_id]),
    }));
  }
}
