import { formatSpan, PERIOD_WORDS, PERIODS, type Period } from "./periods.ts";
import type { CounterPlan, CounterScope, Limits, Usage, WindowUsage } from "./policy.ts";

export type Dimension = keyof Usage;

/** The first limit a request would break, with what the counter holds now. */
export interface QuotaBreach {
  readonly scope: CounterScope;
  readonly period: Period;
  readonly dimension: Dimension;
  readonly limit: number;
  readonly used: number;
  readonly needed: number;
  readonly resetsAt: Date;
}

/** The first dimension of `limits` that `used + needed` would exceed, if any. */
export function firstBreach(limits: Limits, used: Usage, needed: Usage): Dimension | undefined {
  for (const d of ["seconds", "videos", "credits"] as const) {
    const limit = limits[d];
    if (limit !== null && used[d] + needed[d] > limit) return d;
  }
  return undefined;
}

/** The first limit of `plan` that `needed` would break, given what its windows hold. */
export function findBreach(plan: CounterPlan, used: WindowUsage, needed: Usage): QuotaBreach | undefined {
  for (const period of PERIODS) {
    const limits = plan.limits[period];
    if (limits === null) continue;
    const dimension = firstBreach(limits, used[period], needed);
    if (dimension === undefined) continue;
    return {
      scope: plan.scope,
      period,
      dimension,
      limit: limits[dimension] ?? 0,
      used: used[period][dimension],
      needed: needed[dimension],
      resetsAt: plan.resetsAt[period],
    };
  }
  return undefined;
}

const WHO: Readonly<Record<CounterScope, string>> = {
  user: "You have",
  workspace: "This workspace has",
  channel: "This channel has",
  global: "framecast has",
};

function amount(dimension: Dimension, n: number): string {
  switch (dimension) {
    case "seconds":
      return `${n} s of video`;
    case "videos":
      return `${n} video${n === 1 ? "" : "s"}`;
    case "credits":
      return `${n} credit${n === 1 ? "" : "s"}`;
  }
}

const needs = (dimension: Dimension, n: number): string =>
  dimension === "seconds" ? `${n} s` : amount(dimension, n);

/** "You have 12 s of video left today; this request needs 16 s. Resets in 5 h 12 m." */
export function breachMessage(breach: QuotaBreach, now: Date): string {
  const left = Math.max(0, breach.limit - breach.used);
  return `${WHO[breach.scope]} ${amount(breach.dimension, left)} left ${PERIOD_WORDS[breach.period]}; this request needs ${needs(breach.dimension, breach.needed)}. Resets in ${formatSpan(breach.resetsAt.getTime() - now.getTime())}.`;
}
