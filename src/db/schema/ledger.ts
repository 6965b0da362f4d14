import { sql } from "drizzle-orm";
import { bigserial, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Append-only record of every money movement (a trigger refuses UPDATE and DELETE). `reserve` and
 * `refund` entries name the counter they moved; a `charge` entry (counter "job") records the final
 * spend. The unique key makes replaying any step a no-op.
 */
export const ledger = pgTable(
  "ledger",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    jobId: text("job_id").notNull(),
    kind: text("kind").notNull(),
    counterKey: text("counter_key").notNull(),
    period: text("period").notNull(),
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    videos: integer("videos").notNull(),
    seconds: integer("seconds").notNull(),
    credits: integer("credits").notNull(),
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    uniqueIndex("ledger_step_key").on(t.jobId, t.kind, t.counterKey, t.period, t.periodStart),
    index("ledger_counter_idx").on(t.counterKey, t.period, t.periodStart),
  ],
);
