// What framecast_reserve (and framecast_accept, which calls it) is given and how its refusal comes
// back: the counters as the JSON plan the function reads, and SQLSTATE FC001's message turned
// into the broken limit.

import type { ReserveOutcome } from "../app/money/ports.ts";
import type { CounterPlan, Usage, WindowUsage } from "../core/quota/policy.ts";
import { findBreach } from "../core/quota/refusal.ts";
import { sqlError } from "./sql.ts";

/** SQLSTATE framecast_reserve raises when a limit would break (everything it did is rolled back). */
const REFUSED = "FC001";

/** The counters as framecast_reserve's p_counters (see 0002_money_functions.sql). */
export function reservePlan(counters: readonly CounterPlan[]): string {
  if (counters.length === 0) throw new Error("a reservation needs at least one counter");
  return JSON.stringify(
    counters.map((c) => ({
      key: c.key,
      day: c.starts.day.toISOString(),
      week: c.starts.week.toISOString(),
      month: c.starts.month.toISOString(),
      dv: c.limits.day?.videos ?? null,
      ds: c.limits.day?.seconds ?? null,
      dc: c.limits.day?.credits ?? null,
      wv: c.limits.week?.videos ?? null,
      ws: c.limits.week?.seconds ?? null,
      wc: c.limits.week?.credits ?? null,
      mv: c.limits.month?.videos ?? null,
      ms: c.limits.month?.seconds ?? null,
      mc: c.limits.month?.credits ?? null,
    })),
  );
}

export const parseJson = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));

/**
 * The refusal a failed call carries (FC001: which counter, and what it holds), as the limit it
 * would break; undefined if the error is anything else (rethrow it).
 */
export function refusalOf(
  error: unknown,
  input: { readonly jobId: string; readonly usage: Usage; readonly counters: readonly CounterPlan[] },
): Extract<ReserveOutcome, { status: "refused" }> | undefined {
  const refusal = sqlError(error);
  if (refusal?.code !== REFUSED) return undefined;
  const { index, used } = parseJson<{ index: number; used: WindowUsage }>(refusal.message);
  const counter = input.counters[index];
  const breach = counter === undefined ? undefined : findBreach(counter, used, input.usage);
  // The database refused a counter whose limits all hold: the plan and the function disagree.
  if (breach === undefined) throw new Error(`reservation ${input.jobId}: refusal names no broken limit`);
  return { status: "refused", breach };
}
