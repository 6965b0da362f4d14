// The money rules as use cases: reserve a request's price against every limit that applies,
// before it is accepted; preview whether it would fit; settle it once the job ends.

import type { Cost } from "../../core/pricing.ts";
import { type DefaultUserLimits, planCounters, type Requester, type Usage } from "../../core/quota/policy.ts";
import { breachMessage, firstBreach, type QuotaBreach } from "../../core/quota/refusal.ts";
import type { VideoRequest } from "../../core/request.ts";
import type { MoneyStore, PolicyStore } from "./ports.ts";

export interface QuotaDeps {
  readonly money: MoneyStore;
  readonly policies: PolicyStore;
  readonly defaults: DefaultUserLimits;
  readonly now: () => Date;
}

export type QuotaDecision =
  | { readonly ok: true; readonly replay: boolean }
  | { readonly ok: false; readonly breach: QuotaBreach; readonly message: string };

/** One video of `duration` seconds at `credits`. */
export const usageOf = (request: Pick<VideoRequest, "duration">, cost: Pick<Cost, "credits">): Usage => ({
  videos: 1,
  seconds: request.duration,
  credits: cost.credits,
});

/** Reserves `usage` for `jobId` against every applicable limit, atomically. Replays are no-ops. */
export async function reserveQuota(
  deps: QuotaDeps,
  requester: Requester,
  jobId: string,
  usage: Usage,
): Promise<QuotaDecision> {
  const now = deps.now();
  const counters = planCounters(requester, await deps.policies.policiesFor(requester), deps.defaults, now);
  const outcome = await deps.money.reserve({ jobId, requester, usage, counters });
  switch (outcome.status) {
    case "reserved":
      return { ok: true, replay: false };
    case "already_reserved":
      return { ok: true, replay: true };
    case "refused":
      return { ok: false, breach: outcome.breach, message: breachMessage(outcome.breach, now) };
  }
}

/** Whether `usage` would fit right now, without reserving anything. */
export async function previewQuota(
  deps: QuotaDeps,
  requester: Requester,
  usage: Usage,
): Promise<QuotaDecision> {
  const now = deps.now();
  const counters = planCounters(requester, await deps.policies.policiesFor(requester), deps.defaults, now);
  const values = await deps.money.readCounters(counters);
  for (const [i, plan] of counters.entries()) {
    const used = values[i]?.usage ?? { videos: 0, seconds: 0, credits: 0 };
    const dimension = plan.limits === null ? undefined : firstBreach(plan.limits, used, usage);
    if (plan.limits === null || dimension === undefined) continue;
    const breach: QuotaBreach = {
      scope: plan.scope,
      period: plan.period,
      dimension,
      limit: plan.limits[dimension] ?? 0,
      used: used[dimension],
      needed: usage[dimension],
      resetsAt: plan.resetsAt,
    };
    return { ok: false, breach, message: breachMessage(breach, now) };
  }
  return { ok: true, replay: false };
}
