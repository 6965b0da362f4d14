import { sql } from "drizzle-orm";
import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Slack workspaces (or Enterprise Grid organisations) that installed framecast through OAuth, one
 * row each, replaced on reinstall. `installation` is what Slack's OAuth returned, bot token
 * included: a secret at rest, never logged.
 */
export const slackInstallations = pgTable("slack_installations", {
  /** `team:<T…>`, or `enterprise:<E…>` for an org-wide install. */
  key: text("key").primaryKey(),
  teamId: text("team_id"),
  enterpriseId: text("enterprise_id"),
  installation: jsonb("installation").notNull(),
  installedAt: timestamp("installed_at", { withTimezone: true }).notNull().default(sql`now()`),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
});
