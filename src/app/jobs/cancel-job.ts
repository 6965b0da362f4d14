import type { JobRecord } from "./ports.ts";
import { type StopDeps, stopJob } from "./stop-job.ts";

export type CancelOutcome =
  | { readonly ok: true; readonly job: JobRecord }
  | { readonly ok: false; readonly reason: "not_found" | "not_yours" | "already_ended" };

/**
 * Cancels a job for the person who asked for it (or a workspace admin), refunded; see stopJob for
 * what happens at the provider and how races with the engine are settled.
 */
export async function cancelJob(
  deps: StopDeps,
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
  const job = await stopJob(deps, found, {
    failure: { code: "canceled" },
    refund: "cancelled by the user",
  });
  return job === undefined ? { ok: false, reason: "already_ended" } : { ok: true, job };
}
