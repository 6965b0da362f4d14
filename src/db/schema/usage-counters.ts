import { sql } from "drizzle-orm";
import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * What a subject (a user, workspace, channel, or the whole bot) has used in one period window:
 * everything reserved minus everything refunded. The ledger holds the same sums, entry by entry.
 */
export const usageCounters = pgTable(
  "usage_counters",
  {
    counterKey: text("counter_key").notNull(),
    period: text("period").notNull(),
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    videos: integer("videos").notNull().default(0),
    seconds: integer("seconds").notNull().default(0),
    credits: integer("credits").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.counterKey, t.period, t.periodStart] })],
);
