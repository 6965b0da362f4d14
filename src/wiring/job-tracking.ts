// Who waits for which job to end, and the job this process accepted last (what tests and tools
// wait on). Keeps nothing of a job once it has ended. (The console waits for its own jobs itself:
// chat/console/own-jobs.ts.)

import type { JobRecord, JobStore } from "../app/jobs/ports.ts";
import { isFinal } from "../core/jobs/machine.ts";

export function jobTracking(store: Pick<JobStore, "get">) {
  const waiting = new Map<string, ((job: JobRecord) => void)[]>();
  let last: string | undefined;
  return {
    accepted: (jobId: string): void => {
      last = jobId;
    },
    ended: (job: JobRecord): void => {
      for (const resolve of waiting.get(job.id) ?? []) resolve(job);
      waiting.delete(job.id);
    },
    finished: async (jobId: string): Promise<JobRecord> => {
      let resolver: ((job: JobRecord) => void) | undefined;
      const ended = new Promise<JobRecord>((resolve) => {
        resolver = resolve;
        waiting.set(jobId, [...(waiting.get(jobId) ?? []), resolve]);
      });
      const now = await store.get(jobId);
      if (now === undefined || !isFinal(now.state)) return ended;
      const others = (waiting.get(jobId) ?? []).filter((r) => r !== resolver);
      if (others.length === 0) waiting.delete(jobId);
      else waiting.set(jobId, others);
      return now;
    },
    lastJob: (): string => {
      if (last === undefined) throw new Error("no job was accepted");
      return last;
    },
  };
}
