// The job engine's queue on pg-boss: one queue, "video", whose messages say "run the next step of
// job X". The stately policy with the job id as singleton key keeps at most one step of a job
// waiting and one running, so a job never has two steps racing. Each step is also in a group of
// its own job, fetched with a group concurrency of 1: a step that falls due while its job's step
// is still running (a webhook's or the sweeper's wake-up, a poll scheduled before a long upload
// ended) is passed over until that one ends. Without it, the fetch picked that step, its move to
// `active` broke the stately unique index (job_common_i3), and the whole fetch came back empty,
// once a second, for every job (5 jobs: 12.8 s instead of 3.1 s).

import type { JobResult, PgBoss, WorkOptions } from "pg-boss";
import type { JobQueue } from "../app/jobs/ports.ts";

export const VIDEO_QUEUE = "video";

/** A fetched step, as pg-boss fences settling to it. */
type Attempt = { readonly id: string; readonly retryCount: number };

const stepOptions = (jobId: string, expireInSeconds: number) => ({
  singletonKey: jobId,
  group: { id: jobId },
  retryLimit: 20,
  retryDelay: 1,
  retryBackoff: false,
  expireInSeconds,
});

export async function createVideoQueue(boss: PgBoss): Promise<void> {
  await boss.createQueue(VIDEO_QUEUE, { policy: "stately", notify: true });
}

export class BossJobQueue implements JobQueue {
  readonly #boss: PgBoss;
  readonly #expireInSeconds: number;

  /** `expireInSeconds`: how long a step may run before it is taken over (its worker died). */
  constructor(boss: PgBoss, expireInSeconds = 600) {
    this.#boss = boss;
    this.#expireInSeconds = expireInSeconds;
  }

  async schedule(jobId: string, delaySeconds: number): Promise<void> {
    await this.#boss.send(
      VIDEO_QUEUE,
      { jobId },
      {
        ...stepOptions(jobId, this.#expireInSeconds),
        ...(delaySeconds > 0 ? { startAfter: delaySeconds } : {}),
      },
    );
  }

  /**
   * Runs the job's next step now, even though one is already waiting for later (a poll a minute
   * away: the stately queue keeps one waiting step per job and would ignore a second). The waiting
   * step is removed and a step sent at once; if it started meanwhile, the job is simply asked
   * twice, which every step tolerates.
   */
  async wake(jobId: string): Promise<void> {
    const waiting = await this.#boss.findJobs(VIDEO_QUEUE, { key: jobId, queued: true });
    const later = waiting.filter((j) => j.startAfter.getTime() > Date.now()).map((j) => j.id);
    if (later.length > 0) await this.#boss.deleteJob(VIDEO_QUEUE, later);
    await this.schedule(jobId, 0);
  }

  /**
   * The statement pg-boss would run to send the job's first step, with its one parameter, for the
   * acceptance to run inside its own (framecast_accept: one round trip for the whole acceptance).
   * pg-boss builds it as for any send; the `db` it is given only records it.
   */
  async firstStep(jobId: string): Promise<{ text: string; value: string }> {
    let captured: { text: string; values: unknown[] } | undefined;
    const recorder = {
      executeSql: async (text: string, values: unknown[] = []) => {
        captured = { text, values };
        return { rows: [{ id: jobId }] };
      },
    };
    await this.#boss.send(
      VIDEO_QUEUE,
      { jobId },
      { ...stepOptions(jobId, this.#expireInSeconds), db: recorder },
    );
    const value = captured?.values[0];
    if (captured === undefined || captured.values.length !== 1 || typeof value !== "string")
      throw new Error("pg-boss's send no longer runs one statement with one text parameter");
    return { text: captured.text, value };
  }
}

/**
 * Runs `step` for every message on the queue. Each of `workers` fetches up to `batchSize` due
 * steps at a time and runs them concurrently, settling each on its own (a failed step is retried
 * without failing the others; a finished one is completed without waiting for the batch); one
 * step at a time per job (groupConcurrency); while fetches come back full it fetches again at once,
 * so a backlog drains at the speed of the steps, not of the polling interval. NOTIFY wakes a
 * worker the moment a step is sent; a step scheduled for later (the next poll of a provider)
 * becomes due silently, so an idle queue is also polled every second.
 */
export async function workVideoQueue(
  boss: PgBoss,
  options: { readonly workers: number; readonly batchSize: number },
  step: (jobId: string) => Promise<void>,
): Promise<string> {
  const complete = completeEarly(boss);
  return boss.work<{ jobId: string }, unknown, WorkOptions & { perJobResults: true }>(
    VIDEO_QUEUE,
    {
      localConcurrency: options.workers,
      batchSize: options.batchSize,
      burstWhenBatchFull: true,
      groupConcurrency: 1,
      perJobResults: true,
      pollingIntervalSeconds: 1,
      notifyPollingIntervalSeconds: 1,
    },
    async (jobs) =>
      Promise.all(
        jobs.map(async (job): Promise<JobResult> => {
          try {
            await step(job.data.jobId);
            complete(job);
            return { id: job.id, status: "completed" };
          } catch (error) {
            return { id: job.id, status: "failed", output: { message: String(error) } };
          }
        }),
      ),
  );
}

/**
 * Completes each finished step at once rather than with its batch: until then the step counts as
 * running, and its job's next step (scheduled during this one) would wait for the slowest step
 * fetched with it. Steps that end within a few milliseconds of each other go in one statement.
 * pg-boss fences completion to the attempt, so its own settling of the batch then changes
 * nothing; a failed step is left to it (the retry waits anyway).
 */
function completeEarly(boss: PgBoss): (job: Attempt) => void {
  let pending: Attempt[] = [];
  return (job) => {
    pending.push(job);
    if (pending.length > 1) return;
    setTimeout(() => {
      const done = pending.map((a) => ({ id: a.id, retryCount: a.retryCount }));
      pending = [];
      boss.complete(VIDEO_QUEUE, done).catch(() => undefined);
    }, 5);
  };
}

export const SWEEP_QUEUE = "sweep-money";

/**
 * Every five minutes, one instance (pg-boss schedules run once across instances) settles the
 * money of jobs whose last step was cut short.
 */
export async function scheduleSweeper(boss: PgBoss, sweep: () => Promise<unknown>): Promise<void> {
  await boss.createQueue(SWEEP_QUEUE, { policy: "singleton" });
  await boss.schedule(SWEEP_QUEUE, "*/5 * * * *");
  await boss.work(SWEEP_QUEUE, async () => {
    await sweep();
  });
}
