// The jobs this process accepted, and who waits for which to end: what the console waits on at
// the end of its input and what tests wait on. Keeps nothing of a job once it has ended.

import { AcceptedJobs } from "../app/jobs/accepted-jobs.ts";
import type { JobRecord, JobStore } from "../app/jobs/ports.ts";

const FINAL = new Set(["delivered", "failed", "moderated", "canceled", "timed_out"]);

export function jobTracking(store: Pick<JobStore, "get" | "openAmong">) {
  // Open jobs accepted here, wherever they end (another instance may run their last step).
  const open = new AcceptedJobs(store);
  const waiting = new Map<string, ((job: JobRecord) => void)[]>();
  let last: string | undefined;
  return {
    accepted: (jobId: string): void => {
      open.accepted(jobId);
      last = jobId;
    },
    ended: (job: JobRecord): void => {
      for (const resolve of waiting.get(job.id) ?? []) resolve(job);
      waiting.delete(job.id);
      open.ended(job.id);
    },
    finished: async (jobId: string): Promise<JobRecord> => {
      let resolver: ((job: JobRecord) => void) | undefined;
      const ended = new Promise<JobRecord>((resolve) => {
        resolver = resolve;
        waiting.set(jobId, [...(waiting.get(jobId) ?? []), resolve]);
      });
      const now = await store.get(jobId);
      if (now === undefined || !FINAL.has(now.state)) return ended;
      const others = (waiting.get(jobId) ?? []).filter((r) => r !== resolver);
      if (others.length === 0) waiting.delete(jobId);
      else waiting.set(jobId, others);
      return now;
    },
    lastJob: (): string => {
      if (last === undefined) throw new Error("no job was accepted");
      return last;
    },
    idle: (): Promise<void> => open.idle(),
  };
}
