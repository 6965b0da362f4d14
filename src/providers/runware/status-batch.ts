// Runware takes a JSON array of tasks in every request and answers each task by its taskUUID,
// errors included (reference/providers.md §4; runware.ai/docs "the API always accepts an array of
// objects as input, where each object represents a specific task"), so status checks that come
// within a few milliseconds of each other go as one request of getResponse tasks: with thousands
// of videos in flight, a few requests a second instead of hundreds.

import type { ProviderStatus } from "../../app/generation/ports.ts";
import type { RunwareError, RunwareItem } from "./schemas.ts";

/** One request's answer: the items and the errors, each naming its task. */
export interface TaskAnswers {
  readonly data: readonly RunwareItem[];
  readonly errors: readonly RunwareError[];
  readonly httpStatus: number;
}

interface Waiting {
  readonly uuid: string;
  readonly resolve: (status: ProviderStatus) => void;
  readonly reject: (error: unknown) => void;
}

export interface StatusBatchOptions {
  /** How long the first check waits for others to join it. */
  readonly windowMs: number;
  /** At most this many tasks in one request (a full batch goes at once). */
  readonly maxTasks: number;
}

/** Gathers status checks into requests of getResponse tasks. */
export class StatusBatch {
  readonly #send: (tasks: readonly Record<string, unknown>[]) => Promise<TaskAnswers>;
  readonly #read: (uuid: string, answers: TaskAnswers) => ProviderStatus;
  readonly #options: StatusBatchOptions;
  #waiting: Waiting[] = [];
  #timer: NodeJS.Timeout | undefined;

  /** `read`: one task's status from the answers of the request it went in. */
  constructor(
    send: (tasks: readonly Record<string, unknown>[]) => Promise<TaskAnswers>,
    read: (uuid: string, answers: TaskAnswers) => ProviderStatus,
    options: StatusBatchOptions,
  ) {
    this.#send = send;
    this.#read = read;
    this.#options = options;
  }

  status(uuid: string): Promise<ProviderStatus> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ uuid, resolve, reject });
      if (this.#waiting.length >= this.#options.maxTasks) this.#flush();
      else this.#timer ??= setTimeout(() => this.#flush(), this.#options.windowMs);
    });
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#waiting;
    this.#waiting = [];
    // The same task asked twice in one batch is asked once.
    const uuids = [...new Set(batch.map((w) => w.uuid))];
    this.#send(uuids.map((taskUUID) => ({ taskType: "getResponse", taskUUID }))).then(
      (answers) => {
        for (const w of batch) {
          try {
            w.resolve(this.#read(w.uuid, answers));
          } catch (error) {
            w.reject(error);
          }
        }
      },
      (error: unknown) => {
        for (const w of batch) w.reject(error);
      },
    );
  }
}
