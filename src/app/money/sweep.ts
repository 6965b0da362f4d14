import { settlementFor } from "../../core/jobs/states.ts";
import type { MoneyStore } from "./ports.ts";

export interface SweepResult {
  readonly charged: number;
  readonly refunded: number;
  readonly waiting: number;
}

/**
 * Finishes the money of jobs whose last step was cut short: a delivered job still reserved is
 * charged; a failed, cancelled, moderated or timed-out one is refunded; a reservation whose job
 * row never appeared is refunded once it is older than `orphanAfterMs`. Reads every open
 * reservation, oldest first, `batch` at a time: however many are still waiting (jobs in flight),
 * newer ones are reached. Safe to run anywhere, any number of times: charge and refund are
 * idempotent.
 */
export async function sweepMoney(
  money: MoneyStore,
  now: Date,
  orphanAfterMs: number,
  batch = 500,
): Promise<SweepResult> {
  let charged = 0;
  let refunded = 0;
  let waiting = 0;
  let after: string | undefined;
  for (;;) {
    const page = await money.unsettled(batch, after);
    for (const open of page) {
      const action = settlementFor(open.jobState, now.getTime() - open.reservedAt.getTime(), orphanAfterMs);
      if (action === "charge") {
        if ((await money.charge(open.jobId)).status === "settled") charged++;
      } else if (action === "refund") {
        const reason = open.jobState === null ? "the job was never created" : `job ${open.jobState}`;
        if ((await money.refund(open.jobId, reason)).status === "settled") refunded++;
      } else {
        waiting++;
      }
    }
    if (page.length < batch) break;
    after = page.at(-1)?.position;
  }
  return { charged, refunded, waiting };
}
