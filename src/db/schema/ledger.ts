import { sql } from "drizzle-orm";
import { bigserial, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** A counter a ledger entry moved, and the start of each window it moved (ISO 8601). */
export interface LedgerCounter {
  readonly key: string;
  readonly day: string;
  readonly week: string;
  readonly month: string;
}

/**
 * Append-only record of every money step (a trigger refuses UPDATE and DELETE): one `reserve`,
 * then one `charge` or one `refund` per job; and `operator` for a video the provider made (and
 * bills) that no one was charged for, e.g. cancelled while the provider was starting it. Reserve and refund entries list the counters they
 * moved, so every counter equals the sum of its reserve entries minus its refund entries. The
 * unique key makes replaying any step a no-op.
 */
export const ledger = pgTable(
  "ledger",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    jobId: text("job_id").notNull(),
    /** reserve | charge | refund | operator */
    kind: text("kind").notNull(),
    videos: integer("videos").notNull(),
    seconds: integer("seconds").notNull(),
    credits: integer("credits").notNull(),
    counters: jsonb("counters").$type<LedgerCounter[]>().notNull(),
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex("ledger_step_key").on(t.jobId, t.kind)],
);
