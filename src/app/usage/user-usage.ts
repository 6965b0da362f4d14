import { PERIODS } from "../../core/quota/periods.ts";
import { planCounters, type Requester } from "../../core/quota/policy.ts";
import type { PeriodUsage } from "../../core/views/usage.ts";
import type { QuotaDeps } from "../money/quota.ts";

/** What a person has used and may use in each period, by the same rules reservations follow. */
export async function userUsage(deps: QuotaDeps, requester: Requester): Promise<PeriodUsage[]> {
  const now = deps.now();
  const plans = planCounters(requester, await deps.policies.policiesFor(requester), deps.defaults, now);
  const user = plans.find((p) => p.scope === "user");
  if (user === undefined) return [];
  const [windows] = await deps.money.readCounters([user.key], user.starts);
  return PERIODS.map((period) => ({
    period,
    used: windows?.[period] ?? { videos: 0, seconds: 0, credits: 0 },
    limits: user.limits[period],
    resetsAt: user.resetsAt[period],
  }));
}
