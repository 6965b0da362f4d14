// JobAcceptance in memory: the reservation, the job and its first queued step, all or none, as
// SqlJobAcceptance's one transaction. The twin of the SQL version for fast tests and the console.

import type { MemoryMoneyStore } from "../money/memory-money-store.ts";
import type { MemoryJobStore } from "./memory-job-store.ts";
import type { Acceptance, JobAcceptance, JobQueue } from "./ports.ts";

export class MemoryJobAcceptance implements JobAcceptance {
  readonly #money: MemoryMoneyStore;
  readonly #jobs: MemoryJobStore;
  readonly #queue: JobQueue;

  constructor(money: MemoryMoneyStore, jobs: MemoryJobStore, queue: JobQueue) {
    this.#money = money;
    this.#jobs = jobs;
    this.#queue = queue;
  }

  async accept(input: Parameters<JobAcceptance["accept"]>[0]): Promise<Acceptance> {
    // A job id seen before is the same request delivered again: nothing moves (the SQL version's
    // primary key rolls its transaction back; its reservation was a replay too).
    if ((await this.#jobs.get(input.jobId)) !== undefined) return { ok: false, duplicate: true };
    // A button's job: the same click in a neighbouring time window made one already.
    for (const id of input.repeatOf?.jobIds ?? [])
      if ((await this.#jobs.get(id)) !== undefined) return { ok: false, duplicate: true };
    const reserved = await this.#money.reserve({
      jobId: input.jobId,
      requester: input.requester,
      usage: input.usage,
      counters: input.counters,
    });
    if (reserved.status === "refused") return { ok: false, breach: reserved.breach };
    if (reserved.status === "already_reserved") return { ok: false, duplicate: true };
    this.#jobs.insert({
      id: input.jobId,
      conversation: input.conversation,
      request: input.request,
      cost: input.cost,
      ...(input.chain === undefined ? {} : { chain: input.chain }),
    });
    await this.#queue.schedule(input.jobId, 0);
    return { ok: true, jobId: input.jobId, queuePosition: await this.#jobs.queuePosition(input.jobId) };
  }
}
