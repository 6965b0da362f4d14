// Whether a whole Continue chain would fit the asker's quotas now, before anything is reserved:
// each segment is then reserved on its own as it is made (and may still be refused then).

import { planCounters, type Requester, type Usage, ZERO_WINDOWS } from "../../core/quota/policy.ts";
import { breachMessage, findBreach } from "../../core/quota/refusal.ts";
import type { QuotaDecision, QuotaDeps } from "../money/quota.ts";

export async function previewQuota(
  deps: QuotaDeps,
  requester: Requester,
  usage: Usage,
): Promise<QuotaDecision> {
  const now = deps.now();
  const counters = planCounters(requester, await deps.policies.policiesFor(requester), deps.defaults, now);
  const first = counters[0];
  if (first === undefined) return { ok: true, replay: false };
  const values = await deps.money.readCounters(
    counters.map((c) => c.key),
    first.starts,
  );
  for (const [i, plan] of counters.entries()) {
    const breach = findBreach(plan, values[i] ?? ZERO_WINDOWS, usage);
    if (breach !== undefined) return { ok: false, breach, message: breachMessage(breach, now) };
  }
  return { ok: true, replay: false };
}
