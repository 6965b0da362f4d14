import { sql } from "drizzle-orm";
import { integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** A limit set by an admin (config defaults live in config, not here). null: unlimited. */
export const quotaPolicies = pgTable(
  "quota_policies",
  {
    id: serial("id").primaryKey(),
    /** global | workspace | channel | role | user */
    scope: text("scope").notNull(),
    /** "" for global. */
    workspaceId: text("workspace_id").notNull(),
    platform: text("platform").notNull(),
    /** Channel, role or user id; "" for workspace, global, and "every user" policies. */
    subjectId: text("subject_id").notNull(),
    /** day | week | month */
    period: text("period").notNull(),
    maxVideos: integer("max_videos"),
    maxSeconds: integer("max_seconds"),
    maxCredits: integer("max_credits"),
    updatedBy: text("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    uniqueIndex("quota_policies_subject_key").on(t.platform, t.scope, t.workspaceId, t.subjectId, t.period),
  ],
);
