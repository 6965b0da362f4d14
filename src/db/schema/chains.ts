import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * A Continue chain: a finished video extended segment by segment (each one a job, charged as it
 * is made), then joined into one file. Durable, so any instance carries a chain on after a restart.
 */
export const chains = pgTable(
  "chains",
  {
    id: text("id").primaryKey(),
    platform: text("platform").notNull(),
    workspaceId: text("workspace_id").notNull(),
    channelId: text("channel_id").notNull(),
    userId: text("user_id").notNull(),
    userName: text("user_name").notNull().default(""),
    /** The asker's roles when it started: later segments are reserved against the same quotas. */
    roles: jsonb("roles").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Delivered jobs the chain starts from, in order (their videos open the joined file). */
    baseJobIds: jsonb("base_job_ids").$type<string[]>().notNull(),
    /** The joined video's length when the chain is done. */
    targetSeconds: integer("target_seconds").notNull(),
    /** running → joining → done; or stopped (a segment failed, quota ran out). */
    state: text("state").notNull(),
    stopReason: text("stop_reason"),
    /** The message carrying the joined video, recorded as soon as it is posted. */
    joinedMessageId: text("joined_message_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index("chains_state_idx").on(t.state)],
);
