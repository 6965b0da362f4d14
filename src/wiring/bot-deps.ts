// What the chat use cases need, from the configuration, the database and the running engine.

import type { ChainsDeps } from "../app/chains/ports.ts";
import type { BotDeps } from "../app/deps.ts";
import type { JobsDeps } from "../app/jobs/ports.ts";
import { CachedPolicyStore } from "../app/money/cached-policies.ts";
import type { JobMessages } from "../app/ports.ts";
import { CachedSettingsStore } from "../app/settings/cached-settings.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { SqlMoneyStore } from "../db/money-store.ts";
import { SqlPolicyStore } from "../db/policy-store.ts";
import { SqlPreferencesStore } from "../db/preferences-store.ts";
import { SqlSettingsStore } from "../db/settings-store.ts";
import { secretValues } from "../log/secrets.ts";
import { DEFAULT_MEDIA_HOSTS } from "../media/fetch.ts";

export function botDeps(
  config: Config,
  db: Database,
  jobs: JobsDeps,
  messages: JobMessages,
  chains?: ChainsDeps,
): BotDeps {
  return {
    jobs,
    messages,
    ...(chains === undefined ? {} : { chains }),
    // Each request is priced by the provider that will run it (its own price table, if it has one).
    pricing: { ...config.pricing, providerFor: (request) => jobs.router.providerFor(request) },
    quota: {
      money: new SqlMoneyStore(db.db),
      policies: new CachedPolicyStore(new SqlPolicyStore(db.db), 10_000),
      defaults: config.quota.userDefaults,
      now: () => new Date(),
    },
    // Every command reads its workspace's settings: cached 10 s (admin changes here apply at once).
    settings: new CachedSettingsStore(new SqlSettingsStore(db.db), 10_000),
    preferences: new SqlPreferencesStore(db.db),
    secrets: secretValues(config),
    operators: config.admins,
    // Typed picture links only to Discord's CDN and hosts the operator allowed; a chat's private
    // files only when attached to the request itself (the adapters say which).
    imageHosts: [...DEFAULT_MEDIA_HOSTS, ...config.mediaHosts],
    concurrency: {
      perUser: config.quota.concurrentPerUser,
      perWorkspace: config.quota.concurrentPerWorkspace,
    },
  };
}
