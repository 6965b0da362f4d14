// The job engine: one step of one job at a time, each step idempotent and resumable, each step
// scheduling the next on the durable queue. Any instance may run any step; a crash between steps
// leaves the job in a state the next run of the step carries on from.
//
//   queued      → wait in line under the concurrency caps, then record the intent (submitting)
//                 and submit to the first provider that takes it → running
//   submitting  → found only after a crash mid-submission: the provider may or may not have the
//                 job, and most can't tell us, so the job fails and is refunded rather than risk
//                 paying twice
//   running     → poll (often at first, then backing off), show progress; succeeded → delivering;
//                 failed / moderated / canceled / too long → refunded
//   delivering  → fetch the video, post it, charge

import { isFinal } from "../../core/jobs/machine.ts";
import { isProviderFailure, type ProviderStatus } from "../generation/ports.ts";
import type { ProviderRouter } from "../generation/router.ts";
import { seedInVideoUrl } from "../generation/seed-in-url.ts";
import { deliver } from "./deliver.ts";
import { type EngineDeps, fail, settle, show } from "./job-updates.ts";
import { pollDelay } from "./poll-delay.ts";
import type { JobRecord } from "./ports.ts";
import { stopAtProvider } from "./stop-at-provider.ts";

export { DEFAULT_DELIVERY, type DeliveryPolicy, type EngineDeps, viewOf } from "./job-updates.ts";
export { pollDelay } from "./poll-delay.ts";

/** How long a job may take before it is stopped: 10 minutes plus 30 s per second of video. */
export const timeoutSeconds = (duration: number): number => 600 + 30 * duration;

export async function runStep(deps: EngineDeps, jobId: string): Promise<void> {
  const job = await deps.jobs.get(jobId);
  if (job === undefined) return; // its transaction never committed: nothing to do
  switch (job.state) {
    case "queued":
      return startWhenFree(deps, job);
    case "submitting":
      return fail(deps, job, {
        from: "submitting",
        to: "failed",
        failure: { code: "interrupted_submission" },
      });
    case "running":
      return track(deps, job);
    case "delivering":
      return deliver(deps, job);
    default:
      if (isFinal(job.state)) await settle(deps, job);
  }
}

async function startWhenFree(deps: EngineDeps, job: JobRecord): Promise<void> {
  const claimed = await deps.jobs.claimSlot(job.id, deps.caps, deps.now());
  if (claimed === "not_queued") return;
  if (claimed === "busy") {
    await show(deps, job, { queuePosition: await deps.jobs.queuePosition(job.id) });
    await deps.queue.schedule(job.id, 3);
    return;
  }
  let provider: Awaited<ReturnType<ProviderRouter["submit"]>>;
  const began = performance.now();
  try {
    const { platform, workspaceId } = job.conversation;
    provider = await deps.router.submit(job.request, {
      idempotencyKey: job.id,
      owner: { platform, workspaceId },
    });
    deps.observe?.(provider.provider, "submit", (performance.now() - began) / 1000);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    await fail(
      deps,
      job,
      isProviderFailure(error) && error.moderated
        ? { from: "submitting", to: "moderated", failure: { code: "moderated", detail, atSubmission: true } }
        : { from: "submitting", to: "failed", failure: { code: "submit_failed", detail } },
    );
    return;
  }
  if (!(await deps.jobs.transition(job.id, "submitting", "running", { provider, progress: 0 }))) {
    // Cancelled while the provider was taking it: the provider has a job that nobody will pay for.
    await deps.jobs.patch(job.id, { provider });
    await stopAtProvider(deps, job.id, provider, "cancelled while the provider was starting it");
    return;
  }
  await show(deps, { ...job, state: "running", provider, startedAt: deps.now() }, {});
  await deps.queue.schedule(job.id, 2);
}

async function track(deps: EngineDeps, job: JobRecord): Promise<void> {
  const providerJob = job.provider;
  const provider = providerJob === undefined ? undefined : deps.router.byId(providerJob.provider);
  if (providerJob === undefined || provider === undefined) {
    await fail(deps, job, { from: "running", to: "failed", failure: { code: "provider_gone" } });
    return;
  }
  const elapsed = (deps.now().getTime() - (job.startedAt ?? job.createdAt).getTime()) / 1000;
  if (elapsed > timeoutSeconds(job.request.duration)) {
    await provider.cancel?.(providerJob).catch(() => "not_found" as const);
    const minutes = Math.round(timeoutSeconds(job.request.duration) / 60);
    await fail(deps, job, { from: "running", to: "timed_out", failure: { code: "timed_out", minutes } });
    return;
  }
  // Submitted with a webhook URL if webhooks are on for this provider (the same test as at submit).
  const webhook = deps.router.webhookUrl(provider) !== undefined;
  let status: Awaited<ReturnType<typeof provider.status>>;
  const began = performance.now();
  try {
    status = await provider.status(providerJob, undefined, job.request);
    deps.observe?.(providerJob.provider, "status", (performance.now() - began) / 1000);
  } catch {
    // The provider could not be asked (network, 5xx past retries): ask again later.
    await deps.queue.schedule(job.id, pollDelay(elapsed, webhook, job.id));
    return;
  }
  await onStatus(deps, job, status, pollDelay(elapsed, webhook, job.id));
}

/** What the provider said of a running job: progress, its video, or how it ended. */
async function onStatus(
  deps: EngineDeps,
  job: JobRecord,
  status: ProviderStatus,
  nextPollSeconds: number,
): Promise<void> {
  switch (status.state) {
    case "queued":
    case "running": {
      const progress = status.state === "running" ? status.progress : undefined;
      const moved = progress !== undefined && progress !== job.progress;
      if (moved) await deps.jobs.patch(job.id, { progress });
      const inLine = status.state === "queued" && status.queuePosition !== undefined;
      await show(
        deps,
        { ...job, progress: progress ?? job.progress },
        inLine ? { queuePosition: status.queuePosition } : {},
        moved || inLine,
      );
      await deps.queue.schedule(job.id, nextPollSeconds);
      return;
    }
    case "succeeded":
      return startDelivery(deps, job, status);
    case "failed":
      return fail(deps, job, {
        from: "running",
        to: "failed",
        failure: { code: "provider_failed", detail: status.message },
      });
    case "moderated":
      return fail(deps, job, {
        from: "running",
        to: "moderated",
        failure: { code: "moderated", detail: status.message },
      });
    case "canceled":
      return fail(deps, job, { from: "running", to: "canceled", failure: { code: "canceled_at_provider" } });
  }
}

/** The provider has the video: the job moves to delivering (once) and is delivered. */
async function startDelivery(
  deps: EngineDeps,
  job: JobRecord,
  status: Extract<ProviderStatus, { state: "succeeded" }>,
): Promise<void> {
  const seedUsed = status.seed ?? seedInVideoUrl(status.videoUrl);
  const deliveryStartedAt = deps.now();
  const moved = await deps.jobs.transition(job.id, "running", "delivering", {
    resultUrl: status.videoUrl,
    progress: 100,
    deliveryStartedAt,
    ...(seedUsed === undefined ? {} : { seedUsed }),
  });
  if (moved)
    await deliver(deps, {
      ...job,
      state: "delivering",
      resultUrl: status.videoUrl,
      seedUsed,
      deliveryStartedAt,
    });
}

/**
 * Makes sure every job that hasn't ended has its next step on the queue: after a restart, or if a
 * step's queue entry ran out of retries. The queue keeps one waiting step per job, so this never
 * doubles a step. Returns how many jobs it looked at.
 */
export async function resumeOpenJobs(
  deps: Pick<EngineDeps, "jobs" | "queue">,
  limit = 10_000,
): Promise<number> {
  const ids = await deps.jobs.openJobIds(limit);
  for (const id of ids) await deps.queue.schedule(id, 0);
  return ids.length;
}
