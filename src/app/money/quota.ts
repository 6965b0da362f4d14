// The money rules as use cases: reserve a request's price against every limit that applies,
// before it is accepted; preview whether it would fit; settle it once the job ends.

import type { Cost } from "../../core/pricing.ts";
import { type DefaultUserLimits, planCounters, type Requester, type Usage } from "../../core/quota/policy.ts";
import { breachMessage, type QuotaBreach } from "../../core/quota/refusal.ts";
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
