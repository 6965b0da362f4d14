// JobQueue in memory on a clock the test controls: steps wait until their time and run only when
// the test drains the queue. Like the pg-boss queue's stately policy, a job has at most one step
// waiting (a second schedule while one waits is dropped) and one running; a step that throws is
// retried a second later, up to 20 times.

import type { JobQueue } from "./ports.ts";

interface Waiting {
  readonly jobId: string;
  readonly dueAt: number;
  readonly retries: number;
}

const RETRY_LIMIT = 20;

export class MemoryJobQueue implements JobQueue {
  readonly #now: () => Date;
  readonly #waiting = new Map<string, Waiting>();
  /** Steps that threw for good (retries exhausted), with the last error: tests assert on them. */
  readonly gaveUp: { jobId: string; error: unknown }[] = [];

  constructor(now: () => Date) {
    this.#now = now;
  }

  async schedule(jobId: string, delaySeconds: number): Promise<void> {
    if (this.#waiting.has(jobId)) return;
    this.#waiting.set(jobId, { jobId, dueAt: this.#now().getTime() + delaySeconds * 1000, retries: 0 });
  }

  /** When the next waiting step is due (ms since the epoch), or undefined when none waits. */
  nextDue(): number | undefined {
    const dues = [...this.#waiting.values()].map((w) => w.dueAt);
    return dues.length === 0 ? undefined : Math.min(...dues);
  }

  /** Ids of the jobs with a step waiting. */
  waiting(): string[] {
    return [...this.#waiting.keys()];
  }

  /**
   * Runs every step that is due now, earliest first, including steps they schedule for now;
   * resolves with how many ran. Time does not move: advance the clock to run later steps.
   */
  async drain(run: (jobId: string) => Promise<void>): Promise<number> {
    let ran = 0;
    for (;;) {
      // A step that keeps scheduling itself for now would never let time move: a bug, said loudly.
      if (ran > 100_000) throw new Error("the queue keeps running steps due now");
      const now = this.#now().getTime();
      const due = [...this.#waiting.values()]
        .filter((w) => w.dueAt <= now)
        .sort((a, b) => a.dueAt - b.dueAt)[0];
      if (due === undefined) return ran;
      this.#waiting.delete(due.jobId);
      ran++;
      try {
        await run(due.jobId);
      } catch (error) {
        if (due.retries + 1 >= RETRY_LIMIT) this.gaveUp.push({ jobId: due.jobId, error });
        else if (!this.#waiting.has(due.jobId))
          this.#waiting.set(due.jobId, { jobId: due.jobId, dueAt: now + 1000, retries: due.retries + 1 });
      }
    }
  }
}
