import { sql } from "drizzle-orm";
import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * What a subject (a user, workspace, channel, or the whole bot) has used in the current day, week
 * and month: everything reserved minus everything refunded in each window. One row per subject,
 * so a reservation touches two rows (user and workspace), not six. A window that has ended reads
 * as zero and is reset by the next reservation; its history stays in the ledger.
 */
export const usageCounters = pgTable("usage_counters", {
  counterKey: text("counter_key").primaryKey(),
  dayStart: timestamp("day_start", { withTimezone: true }).notNull(),
  dayVideos: integer("day_videos").notNull().default(0),
  daySeconds: integer("day_seconds").notNull().default(0),
  dayCredits: integer("day_credits").notNull().default(0),
  weekStart: timestamp("week_start", { withTimezone: true }).notNull(),
  weekVideos: integer("week_videos").notNull().default(0),
  weekSeconds: integer("week_seconds").notNull().default(0),
  weekCredits: integer("week_credits").notNull().default(0),
  monthStart: timestamp("month_start", { withTimezone: true }).notNull(),
  monthVideos: integer("month_videos").notNull().default(0),
  monthSeconds: integer("month_seconds").notNull().default(0),
  monthCredits: integer("month_credits").notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
});
