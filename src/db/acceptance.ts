// Accepting a job: the quota reservation, the job row and the queue entry in one transaction.
// A refused reservation raises inside framecast_reserve, which rolls the whole transaction back.

import { inArray, sql } from "drizzle-orm";
import type { Acceptance, JobAcceptance } from "../app/jobs/ports.ts";
import type { Db } from "./client.ts";
import { SqlMoneyStore } from "./money-store.ts";
import { jobs } from "./schema/jobs.ts";

class Refused extends Error {
  readonly acceptance: Acceptance;
  constructor(acceptance: Acceptance) {
    super("refused");
    this.acceptance = acceptance;
  }
}

export class SqlJobAcceptance implements JobAcceptance {
  readonly #db: Db;
  readonly #enqueue: (tx: Db, jobId: string) => Promise<void>;

  /** `enqueue` puts the job's first step on the queue using the given transaction. */
  constructor(db: Db, enqueue: (tx: Db, jobId: string) => Promise<void>) {
    this.#db = db;
    this.#enqueue = enqueue;
  }

  async accept(input: Parameters<JobAcceptance["accept"]>[0]): Promise<Acceptance> {
    try {
      return await this.#db.transaction(async (tx) => {
        const repeat = input.repeatOf;
        if (repeat !== undefined) {
          // Held to the end of the transaction: a concurrent repeat waits, then sees this job.
          await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${repeat.lock}, 0))`);
          const found = await tx
            .select({ id: jobs.id })
            .from(jobs)
            .where(inArray(jobs.id, [...repeat.jobIds]));
          if (found.length > 0) throw new Refused({ ok: false, duplicate: true });
        }
        const money = new SqlMoneyStore(tx as unknown as Db);
        const reserved = await money.reserve({
          jobId: input.jobId,
          requester: input.requester,
          usage: input.usage,
          counters: input.counters,
        });
        if (reserved.status === "refused") throw new Refused({ ok: false, breach: reserved.breach });
        const c = input.conversation;
        await tx.insert(jobs).values({
          id: input.jobId,
          platform: c.platform,
          workspaceId: c.workspaceId,
          channelId: c.channelId,
          userId: c.userId,
          userName: c.userName,
          request: input.request,
          mode: input.request.mode,
          model: input.request.model,
          state: "queued",
          costCredits: input.cost.credits,
          costUsdCents: input.cost.usdCents,
          chatChannelId: c.channelId,
          ...(input.chain === undefined ? {} : { chainId: input.chain.id, chainIndex: input.chain.index }),
        });
        await this.#enqueue(tx as unknown as Db, input.jobId);
        return { ok: true, jobId: input.jobId } as const;
      });
    } catch (error) {
      if (error instanceof Refused) return error.acceptance;
      if (isUniqueViolation(error)) return { ok: false, duplicate: true };
      throw error;
    }
  }
}

/** PostgreSQL's unique_violation (23505), as postgres.js and PGlite report it, possibly wrapped. */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; typeof e === "object" && e !== null; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
