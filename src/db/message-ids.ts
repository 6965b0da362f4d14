// Storing the job messages' ids, many in one statement. Every /video stores its message's id
// once posted; at 200 commands a second one UPDATE (and one commit) each would be 200 round trips
// a second. Calls made while a write is in flight wait and go together in the next one, so a quiet
// bot writes at once and a busy one writes in batches.

import { sql } from "drizzle-orm";
import type { JobState } from "../core/jobs/states.ts";
import type { Db } from "./client.ts";
import { rowsOf, withRetry } from "./sql.ts";

interface Waiting {
  readonly messageId: string;
  readonly done: ((state: JobState | undefined) => void)[];
  readonly failed: ((error: unknown) => void)[];
}

export class MessageIdWriter {
  readonly #db: Db;
  /** By job id: the calls for the next write (the latest message id of a job wins). */
  #next = new Map<string, Waiting>();
  #writing = false;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Records the job's message; resolves with the job's state then (undefined: no such job). */
  set(jobId: string, messageId: string): Promise<JobState | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.#next.get(jobId);
      this.#next.set(jobId, {
        messageId,
        done: [...(waiting?.done ?? []), resolve],
        failed: [...(waiting?.failed ?? []), reject],
      });
      if (!this.#writing) void this.#write();
    });
  }

  async #write(): Promise<void> {
    this.#writing = true;
    while (this.#next.size > 0) {
      const batch = this.#next;
      this.#next = new Map();
      const rows = JSON.stringify([...batch].map(([id, w]) => ({ id, m: w.messageId })));
      try {
        const updated = rowsOf<{ id: string; state: JobState }>(
          await withRetry(() =>
            this.#db.execute(sql`
              UPDATE jobs SET chat_message_id = v.m
              FROM jsonb_to_recordset(${rows}::jsonb) AS v(id text, m text)
              WHERE jobs.id = v.id
              RETURNING jobs.id, jobs.state`),
          ),
        );
        const states = new Map(updated.map((r) => [r.id, r.state]));
        for (const [id, w] of batch) for (const done of w.done) done(states.get(id));
      } catch (error) {
        for (const w of batch.values()) for (const failed of w.failed) failed(error);
      }
    }
    this.#writing = false;
  }
}
