import type { BotDeps } from "../../src/app/deps.ts";
import type { JobsDeps } from "../../src/app/jobs/ports.ts";
import { DEFAULT_PRICING } from "../../src/core/pricing.ts";
import { SqlMoneyStore } from "../../src/db/money-store.ts";
import { SqlPolicyStore } from "../../src/db/policy-store.ts";
import { SqlPreferencesStore } from "../../src/db/preferences-store.ts";
import { SqlSettingsStore } from "../../src/db/settings-store.ts";
import { DEFAULT_MEDIA_HOSTS } from "../../src/media/fetch.ts";
import type { TestDatabase } from "./database.ts";

/** Fixed clock for every bot test: Sunday 2026-11-22 18:48 UTC (5 h 12 m before the day resets). */
export const TEST_NOW = new Date("2026-11-22T18:48:00Z");

/** The shipped test quota defaults: 5 videos and 60 s per user per day. */
export const TEST_QUOTA_DEFAULTS = { day: { videos: 5, seconds: 60, credits: null } } as const;

/** The real stores on a test database, with the shipped defaults (5 videos and 60 s per user per day). */
export function botDeps(
  database: TestDatabase,
  jobs: JobsDeps,
  overrides: Partial<Omit<BotDeps, "messages">> = {},
): Omit<BotDeps, "messages"> {
  return {
    jobs,
    pricing: DEFAULT_PRICING,
    quota: {
      money: new SqlMoneyStore(database.db),
      policies: new SqlPolicyStore(database.db),
      defaults: TEST_QUOTA_DEFAULTS,
      now: () => TEST_NOW,
    },
    settings: new SqlSettingsStore(database.db),
    preferences: new SqlPreferencesStore(database.db),
    secrets: [],
    operators: [],
    // As main.ts: typed links only to Discord's CDN (FRAMECAST_MEDIA_HOSTS adds to it).
    imageHosts: DEFAULT_MEDIA_HOSTS,
    concurrency: { perUser: 2, perWorkspace: null },
    ...overrides,
  };
}
