import { sql } from "drizzle-orm";
import { integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** Per-workspace policy an admin controls. Absent row: every default applies. */
export const workspaceSettings = pgTable(
  "workspace_settings",
  {
    platform: text("platform").notNull(),
    workspaceId: text("workspace_id").notNull(),
    /** Channel ids /video may be used in; empty: everywhere. */
    allowedChannels: jsonb("allowed_channels").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Lower-case words a prompt may not contain. */
    blockedWords: jsonb("blocked_words").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    defaultModel: text("default_model"),
    defaultQuality: text("default_quality"),
    /** User ids allowed to run /framecast admin (besides the platform's own managers). */
    admins: jsonb("admins").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    maxConcurrentPerUser: integer("max_concurrent_per_user"),
    maxConcurrentPerWorkspace: integer("max_concurrent_per_workspace"),
    /** The longest video a Continue chain may join, in seconds; null: the default (core/extend.ts). */
    maxChainSeconds: integer("max_chain_seconds"),
    /** Models /video may use here; empty: every model. */
    allowedModels: jsonb("allowed_models").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** The highest quality /video may ask for here; null: any. */
    maxQuality: text("max_quality"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.platform, t.workspaceId] })],
);
