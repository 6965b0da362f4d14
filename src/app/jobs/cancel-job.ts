import type { JobState } from "../../core/jobs/states.ts";
import type { ProviderRouter } from "../generation/router.ts";
import type { MoneyStore } from "../money/ports.ts";
import type { JobRecord, JobStore } from "./ports.ts";

export type CancelOutcome =
  | { readonly ok: true; readonly job: JobRecord }
  | { readonly ok: false; readonly reason: "not_found" | "not_yours" | "already_ended" };

/**
 * Cancels a job for the person who asked for it (or a workspace admin): a queued one is dropped at once; a running one
 * is cancelled at the provider where the provider can, and stopped either way. Both are refunded.
 * Races with the engine are settled by the conditional state change: whoever moves the job first
 * wins, and a job that already ended is left alone.
 */
export async function cancelJob(
  deps: { jobs: JobStore; money: Pick<MoneyStore, "refund">; router: ProviderRouter; now: () => Date },
  jobId: string,
  by: {
    platform: string;
    workspaceId: string;
    userId: string;
    /** A workspace admin may cancel anyone's job there. */
    admin?: boolean;
  },
): Promise<CancelOutcome> {
  const job = await deps.jobs.get(jobId);
  if (
    job === undefined ||
    job.conversation.platform !== by.platform ||
    job.conversation.workspaceId !== by.workspaceId
  ) {
    return { ok: false, reason: "not_found" };
  }
  if (job.conversation.userId !== by.userId && by.admin !== true) return { ok: false, reason: "not_yours" };
  const from: JobState = job.state;
  if (from !== "queued" && from !== "submitting" && from !== "running")
    return { ok: false, reason: "already_ended" };
  const finishedAt = deps.now();
  if (
    !(await deps.jobs.transition(jobId, from, "canceled", {
      finishedAt,
      error: "Cancelled at your request.",
      errorCode: "canceled",
    }))
  ) {
    return { ok: false, reason: "already_ended" };
  }
  if (job.provider !== undefined) {
    await deps.router
      .byId(job.provider.provider)
      ?.cancel?.(job.provider)
      .catch(() => "not_found" as const);
  }
  await deps.money.refund(jobId, "cancelled by the user");
  return { ok: true, job: { ...job, state: "canceled", finishedAt, error: "Cancelled at your request." } };
}
