import type { JobFailure } from "../../core/jobs/failures.ts";
import { failureText } from "../../core/views/failures.ts";
import type { ProviderRouter } from "../generation/router.ts";
import type { MoneyStore } from "../money/ports.ts";
import type { JobRecord, JobStore } from "./ports.ts";
import { stopAtProvider } from "./stop-at-provider.ts";

const STOPPABLE = new Set(["queued", "submitting", "running"]);

export interface StopDeps {
  readonly jobs: JobStore;
  readonly money: Pick<MoneyStore, "refund" | "absorb">;
  readonly router: Pick<ProviderRouter, "byId">;
  readonly now: () => Date;
}

/**
 * Ends a job that hasn't ended (cancelled by its owner, or abandoned because its message couldn't
 * be posted) and refunds it: a queued one at once; a running one is stopped at the provider where
 * it can be; one being submitted is stopped by the engine once the provider answers. Races with
 * the engine are settled by the conditional state change: if the engine moved the job on
 * meanwhile (submitting → running), it is stopped from there. Undefined if it had already ended.
 */
export async function stopJob(
  deps: StopDeps,
  found: JobRecord,
  why: {
    readonly failure: Extract<JobFailure, { code: "canceled" | "not_posted" }>;
    readonly refund: string;
  },
): Promise<JobRecord | undefined> {
  const finishedAt = deps.now();
  // A job moves forward only (queued → submitting → running), so three tries always settle it.
  let job: JobRecord | undefined = found;
  for (let tries = 0; tries < 3 && job !== undefined && STOPPABLE.has(job.state); tries++) {
    const error = failureText(why.failure);
    const patch = { finishedAt, error, errorCode: why.failure.code };
    if (await deps.jobs.transition(job.id, job.state, "canceled", patch)) {
      await deps.money.refund(job.id, why.refund);
      if (job.provider !== undefined)
        await stopAtProvider(deps, job.id, job.provider, "stopped while the provider was making it");
      return { ...job, state: "canceled", finishedAt, error };
    }
    job = await deps.jobs.get(found.id);
  }
  return undefined;
}
