// What every step of the engine shares: its dependencies, the job's message (view, throttled
// edits) and how a job ends (a conditional state change, then money follows the final state).

import type { JobFailure } from "../../core/jobs/failures.ts";
import type { NextState } from "../../core/jobs/machine.ts";
import { failureText } from "../../core/views/failures.ts";
import { jobView } from "../../core/views/job.ts";
import type { View } from "../../core/views/view.ts";
import type { ProviderRouter } from "../generation/router.ts";
import type { MoneyStore } from "../money/ports.ts";
import type { RedactingMessages } from "../redacting-chat.ts";
import type { EditThrottle } from "./edit-throttle.ts";
import type { ConcurrencyCaps, JobQueue, JobRecord, JobStore, VideoFiles } from "./ports.ts";

export interface EngineDeps {
  readonly jobs: JobStore;
  readonly money: Pick<MoneyStore, "charge" | "refund" | "absorb">;
  /** Secrets scrubbed from every text, as in the logs (the edit throttle must edit through it too). */
  readonly messages: RedactingMessages;
  readonly router: ProviderRouter;
  readonly queue: JobQueue;
  readonly files: VideoFiles;
  readonly edits: EditThrottle;
  readonly now: () => Date;
  /** The default caps; a workspace's admins may set their own. */
  readonly caps: ConcurrencyCaps;
  /** Called whenever a job reaches a final state (for waiting, metrics and tests). */
  readonly onFinal?: (job: JobRecord) => void;
  /** Told how long each provider call took (for metrics). */
  readonly observe?: (provider: string, call: "submit" | "status", seconds: number) => void;
  /** How hard to try posting a finished video (default: DEFAULT_DELIVERY). */
  readonly delivery?: DeliveryPolicy;
}

/** Posting a finished video: how many failed tries, and for how long, before it is refunded. */
export interface DeliveryPolicy {
  readonly maxFailures: number;
  readonly deadlineSeconds: number;
  /** Seconds before the next try, after `failures` tries failed. */
  readonly retryDelaySeconds: (failures: number) => number;
}

/** Four tries (15 s, 45 s and 135 s apart) within 15 minutes. */
export const DEFAULT_DELIVERY: DeliveryPolicy = {
  maxFailures: 4,
  deadlineSeconds: 15 * 60,
  retryDelaySeconds: (failures) => 15 * 3 ** (failures - 1),
};

/** Where a job can fail from, and the ending it fails to (only the machine's legal pairs). */
export interface Ending<F extends "submitting" | "running" | "delivering"> {
  readonly from: F;
  readonly to: Exclude<NextState<F>, "running" | "delivering" | "delivered">;
  readonly failure: JobFailure;
}

/** Ends the job (if it is still in `from`) with the failure's words, shows it and refunds it. */
export async function fail<F extends "submitting" | "running" | "delivering">(
  deps: EngineDeps,
  job: JobRecord,
  { from, to, failure }: Ending<F>,
): Promise<void> {
  const finishedAt = deps.now();
  const error = failureText(failure);
  if (!(await deps.jobs.transition(job.id, from, to, { errorCode: failure.code, error, finishedAt }))) return;
  const ended: JobRecord = { ...job, state: to, error, finishedAt };
  await show(deps, ended, {});
  await settle(deps, ended);
}

/** Money follows the final state: charge a delivered job, refund any other. Idempotent. */
export async function settle(deps: EngineDeps, job: JobRecord): Promise<void> {
  if (job.state === "delivered") await deps.money.charge(job.id);
  else await deps.money.refund(job.id, job.error ?? `job ${job.state}`);
  if (job.messageId !== undefined)
    await deps.edits.flush({ conversation: job.conversation, messageId: job.messageId });
  deps.onFinal?.(job);
}

/** A job's message as it should read now. */
export async function viewOf(
  deps: {
    readonly router: Pick<ProviderRouter, "primary">;
    readonly jobs: Pick<JobStore, "recentDurations">;
    readonly now: () => Date;
  },
  job: JobRecord,
  extra: { queuePosition?: number },
): Promise<View> {
  return jobView({
    jobId: job.id,
    state: job.state,
    request: job.request,
    cost: job.cost,
    provider: job.provider?.provider ?? deps.router.primary.id,
    ...(job.state === "running" ? { progress: job.progress } : {}),
    ...extra,
    createdAt: job.createdAt,
    ...(job.startedAt === undefined ? {} : { startedAt: job.startedAt }),
    ...(job.finishedAt === undefined ? {} : { finishedAt: job.finishedAt }),
    now: deps.now(),
    recentDurations: await deps.jobs.recentDurations(job.request),
    ...(job.seedUsed === undefined ? {} : { seedUsed: job.seedUsed }),
    ...(job.error === undefined ? {} : { error: job.error }),
  });
}

/**
 * Updates the job's message (throttled), if it has one yet. `news` false: only the elapsed time
 * changed (a poll with no progress), so the message is refreshed only once it is stale.
 */
export async function show(
  deps: EngineDeps,
  job: JobRecord,
  extra: { queuePosition?: number },
  news = true,
): Promise<void> {
  const fresh = job.messageId === undefined ? await deps.jobs.get(job.id) : job;
  const messageId = fresh?.messageId;
  if (messageId === undefined) return;
  const message = { conversation: job.conversation, messageId };
  const view = await viewOf(deps, job, extra);
  if (news) deps.edits.update(message, view);
  else deps.edits.touch(message, view);
}
