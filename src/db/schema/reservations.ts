import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * A job's money, as a three-state machine: reserved → charged, or reserved → refunded. Every
 * settlement is a conditional update from `reserved`, so it happens at most once.
 */
export const reservations = pgTable(
  "reservations",
  {
    jobId: text("job_id").primaryKey(),
    platform: text("platform").notNull(),
    workspaceId: text("workspace_id").notNull(),
    userId: text("user_id").notNull(),
    state: text("state").notNull(),
    videos: integer("videos").notNull(),
    seconds: integer("seconds").notNull(),
    credits: integer("credits").notNull(),
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (t) => [index("reservations_state_idx").on(t.state, t.createdAt)],
);
