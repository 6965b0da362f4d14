import type { ProviderRouter } from "../generation/router.ts";
import type { MoneyStore } from "../money/ports.ts";
import type { JobRecord, JobStore } from "./ports.ts";
import { stopAtProvider } from "./stop-at-provider.ts";

export type CancelOutcome =
  | { readonly ok: true; readonly job: JobRecord }
  | { readonly ok: false; readonly reason: "not_found" | "not_yours" | "already_ended" };

const CANCELLABLE = new Set(["queued", "submitting", "running"]);

/**
 * Cancels a job for the person who asked for it (or a workspace admin): a queued one is dropped at
 * once; a running one is cancelled at the provider where the provider can, and stopped either way
 * (one being submitted is stopped by the engine once the provider answers). All are refunded.
 * Races with the engine are settled by the conditional state change: whoever moves the job first
 * wins; if the engine moved it on meanwhile (submitting → running), the cancel tries again from
 * there, and a job that already ended is left alone.
 */
export async function cancelJob(
  deps: {
    jobs: JobStore;
    money: Pick<MoneyStore, "refund" | "absorb">;
    router: ProviderRouter;
    now: () => Date;
  },
  jobId: string,
  by: {
    platform: string;
    workspaceId: string;
    userId: string;
    /** A workspace admin may cancel anyone's job there. */
    admin?: boolean;
  },
): Promise<CancelOutcome> {
  const found = await deps.jobs.get(jobId);
  if (
    found === undefined ||
    found.conversation.platform !== by.platform ||
    found.conversation.workspaceId !== by.workspaceId
  ) {
    return { ok: false, reason: "not_found" };
  }
  if (found.conversation.userId !== by.userId && by.admin !== true) return { ok: false, reason: "not_yours" };
  const error = "Cancelled at your request.";
  const finishedAt = deps.now();
  // A job moves forward only (queued → submitting → running), so three tries always settle it.
  let job: JobRecord | undefined = found;
  for (let tries = 0; tries < 3 && job !== undefined && CANCELLABLE.has(job.state); tries++) {
    if (
      await deps.jobs.transition(jobId, job.state, "canceled", { finishedAt, error, errorCode: "canceled" })
    ) {
      await deps.money.refund(jobId, "cancelled by the user");
      if (job.provider !== undefined)
        await stopAtProvider(deps, jobId, job.provider, "cancelled while the provider was making it");
      return { ok: true, job: { ...job, state: "canceled", finishedAt, error } };
    }
    job = await deps.jobs.get(jobId);
  }
  return { ok: false, reason: "already_ended" };
}
