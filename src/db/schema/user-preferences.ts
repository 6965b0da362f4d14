import { sql } from "drizzle-orm";
import { boolean, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * A person's own defaults (`/framecast prefer`), per workspace. Absent row or null column: no
 * preference. Values are checked by core/preferences/preferences.ts on the way in and out.
 */
export const userPreferences = pgTable(
  "user_preferences",
  {
    platform: text("platform").notNull(),
    workspaceId: text("workspace_id").notNull(),
    userId: text("user_id").notNull(),
    model: text("model"),
    quality: text("quality"),
    ratio: text("ratio"),
    audio: boolean("audio"),
    suffix: text("suffix"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.platform, t.workspaceId, t.userId] })],
);
