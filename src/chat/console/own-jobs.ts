import type { ChainStore } from "../../app/chains/ports.ts";
import { viewOf } from "../../app/jobs/engine.ts";
import type { JobRecord, JobsDeps } from "../../app/jobs/ports.ts";
import { isFinal } from "../../core/jobs/machine.ts";
import type { ConsoleChat } from "./console-chat.ts";

/**
 * The jobs this console asked for, until each has ended. A job usually ends in this process (its
 * engine prints the end), but on a shared database another process's engine may take it over:
 * the database says when it ended, and its end is shown here then (once, like any edit).
 */
export class OwnJobs {
  readonly #open = new Set<string>();
  /** Continue chains started here: waited for until done or stopped (their segments come later). */
  readonly #chains = new Map<string, ChainStore>();
  readonly #jobs: Pick<JobsDeps, "store" | "router">;
  readonly #chat: ConsoleChat;
  readonly #pollMs: number;
  #checking: Promise<void> = Promise.resolve();
  #changed: (() => void) | undefined;
  #waiting = false;

  constructor(jobs: Pick<JobsDeps, "store" | "router">, chat: ConsoleChat, pollMs = 1_000) {
    this.#jobs = jobs;
    this.#chat = chat;
    this.#pollMs = pollMs;
    // While waiting, a job of ours being shown may be its end: read that job (only).
    chat.onJobShown = (jobId) => {
      if (this.#waiting && this.#open.has(jobId)) void this.check([jobId]);
    };
  }

  add(jobId: string): void {
    this.#open.add(jobId);
  }

  addChain(chainId: string, store: ChainStore): void {
    this.#chains.set(chainId, store);
  }

  /** How many of this console's jobs (and chains) have not ended. */
  get count(): number {
    return this.#open.size + this.#chains.size;
  }

  /** Resolves once every job added has ended; the database is read whenever one is shown, and every pollMs. */
  async settled(): Promise<void> {
    let polling = false;
    const timer = setInterval(() => {
      if (polling) return;
      polling = true;
      void this.check().finally(() => {
        polling = false;
      });
    }, this.#pollMs);
    this.#waiting = true;
    try {
      await this.check();
      while (this.count > 0) {
        await new Promise<void>((resolve) => {
          this.#changed = resolve;
        });
      }
    } finally {
      clearInterval(timer);
      this.#waiting = false;
      this.#changed = undefined;
    }
  }

  /** Reads open jobs (`ids`, or all); shows the end of each that ended (if not shown yet). One check at a time. */
  check(ids: readonly string[] = [...this.#open]): Promise<void> {
    this.#checking = this.#checking
      .then(async () => {
        for (const id of ids) {
          if (!this.#open.has(id)) continue;
          const job = await this.#jobs.store.get(id);
          if (job !== undefined && !isFinal(job.state)) continue;
          this.#open.delete(id);
          if (job !== undefined) await this.#showEnd(job);
        }
        for (const [id, store] of this.#chains) {
          const state = (await store.get(id))?.state;
          if (state === undefined || state === "done" || state === "stopped") this.#chains.delete(id);
        }
      })
      // The database unreachable for a moment: the next poll reads again.
      .catch(() => {})
      .finally(() => this.#changed?.());
    return this.#checking;
  }

  async #showEnd(job: JobRecord): Promise<void> {
    const view = await viewOf(
      { router: this.#jobs.router, jobs: this.#jobs.store, now: () => new Date() },
      job,
      {},
    );
    const where = job.state === "delivered" && job.resultUrl !== undefined ? job.resultUrl : undefined;
    this.#chat.showChanges(
      view,
      where === undefined ? [] : [`  Video: ${where} (delivered by another framecast process)`],
    );
  }
}
