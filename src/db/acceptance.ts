// Accepting a job in one round trip: framecast_accept (src/db/migrations/0007_one_round_trip.sql)
// reserves the quota, writes the job row, runs the queue's statement for its first step and counts
// its place in line, as one statement and so one transaction. A refused reservation raises inside
// framecast_reserve, which rolls the whole statement back.

import { eq, sql } from "drizzle-orm";
import type { Acceptance, JobAcceptance } from "../app/jobs/ports.ts";
import type { Db } from "./client.ts";
import { parseJson, refusalOf, reservePlan } from "./reserve-plan.ts";
import { jobs } from "./schema/index.ts";
import { rowsOf, withRetry } from "./sql.ts";

/** A queue's statement that sends a job's first step, with its one parameter, run by the database. */
export interface QueueStatement {
  readonly text: string;
  readonly value: string;
}

type Reply = { status: "accepted"; position: number } | { status: "duplicate" };

export class SqlJobAcceptance implements JobAcceptance {
  readonly #db: Db;
  readonly #firstStep: ((jobId: string) => Promise<QueueStatement>) | undefined;

  /** `firstStep`: the statement that queues the job's first step; absent: no queue (tests). */
  constructor(db: Db, firstStep?: (jobId: string) => Promise<QueueStatement>) {
    this.#db = db;
    this.#firstStep = firstStep;
  }

  async accept(input: Parameters<JobAcceptance["accept"]>[0]): Promise<Acceptance> {
    const { jobId, conversation: c, request, cost, usage, repeatOf } = input;
    const plan = reservePlan(input.counters);
    const step = await this.#firstStep?.(jobId);
    const repeatIds = repeatOf === undefined ? null : `{${repeatOf.jobIds.map(arrayItem).join(",")}}`;
    let reply: Reply;
    try {
      const accept = sql`
            SELECT framecast_accept(
              ${jobId}, ${c.platform}, ${c.workspaceId}, ${c.channelId}, ${c.userId}, ${c.userName},
              ${JSON.stringify(request)}::jsonb, ${request.mode}, ${request.model}, ${cost.credits}::integer,
              ${cost.usdCents}::integer, ${usage.videos}::integer, ${usage.seconds}::integer,
              ${usage.credits}::integer, ${plan}::jsonb, ${repeatOf?.lock ?? null}::text, ${repeatIds}::text[],
              ${step?.text ?? null}::text, ${step?.value ?? null}::text) AS reply`;
      const chain = input.chain;
      const [row] = rowsOf<{ reply: unknown }>(
        await withRetry(() =>
          chain === undefined
            ? this.#db.execute(accept)
            : // A chain's segment: its place in the chain is written in the same transaction.
              this.#db.transaction(async (tx) => {
                const answer = await tx.execute(accept);
                await tx
                  .update(jobs)
                  .set({ chainId: chain.id, chainIndex: chain.index })
                  .where(eq(jobs.id, jobId));
                return answer;
              }),
        ),
      );
      reply = parseJson<Reply>(row?.reply);
    } catch (error) {
      if (isUniqueViolation(error)) return { ok: false, duplicate: true };
      const refused = refusalOf(error, input);
      if (refused === undefined) throw error;
      return { ok: false, breach: refused.breach };
    }
    if (reply.status === "duplicate") return { ok: false, duplicate: true };
    return { ok: true, jobId, queuePosition: reply.position };
  }
}

/** A PostgreSQL array literal's element, quoted (job ids are ours, but quote them anyway). */
const arrayItem = (s: string): string => `"${s.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;

/** PostgreSQL's unique_violation (23505), as postgres.js and PGlite report it, possibly wrapped. */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; typeof e === "object" && e !== null; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
