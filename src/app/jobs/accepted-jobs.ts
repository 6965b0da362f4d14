import type { JobStore } from "./ports.ts";

/**
 * The jobs this process accepted and that haven't ended, for waiting until they all have (the
 * console, at the end of piped input). A job may end in another process sharing the database
 * (any instance runs any step), which never tells this one: so while someone waits, the
 * database is asked every `recheckMs` which of them are still open.
 */
export class AcceptedJobs {
  readonly #open = new Set<string>();
  readonly #jobs: Pick<JobStore, "openAmong">;
  readonly #recheckMs: number;
  #wake: (() => void) | undefined;

  constructor(jobs: Pick<JobStore, "openAmong">, recheckMs = 2_000) {
    this.#jobs = jobs;
    this.#recheckMs = recheckMs;
  }

  accepted(jobId: string): void {
    this.#open.add(jobId);
  }

  /** A job ended here (the engine's onFinal). */
  ended(jobId: string): void {
    this.#open.delete(jobId);
    if (this.#open.size === 0) this.#wake?.();
  }

  /** Resolves once every job accepted here has ended, wherever it ended. */
  async idle(): Promise<void> {
    while (this.#open.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((wake) => {
        this.#wake = wake;
        timer = setTimeout(wake, this.#recheckMs);
      });
      clearTimeout(timer);
      if (this.#open.size === 0) break;
      const stillOpen = new Set(await this.#jobs.openAmong([...this.#open]));
      for (const id of [...this.#open]) if (!stillOpen.has(id)) this.#open.delete(id);
    }
  }
}
