// The subcommands other than start: each wired from the configuration here, loaded only when run
// (main imports this lazily, so `framecast check` never loads discord.js or the database).

import { join } from "node:path";
import { ProviderRouter } from "../app/generation/router.ts";
import { registerCommands } from "../chat/discord/register-commands.ts";
import { runCheck } from "../cli/check.ts";
import { spendOrAskBot } from "../cli/held-database.ts";
import { providerSources } from "../cli/usage/provider-sources.ts";
import { runUsage, spendFromDatabase } from "../cli/usage/run-usage.ts";
import type { Config } from "../config.ts";
import type { VideoRequest } from "../core/request.ts";
import { buildProviders } from "../providers/build.ts";
import { renderOptions } from "./bots.ts";
import { openConfiguredDatabase } from "./database.ts";

const out = (text: string): void => {
  process.stdout.write(text);
};
const err = (text: string): void => {
  process.stderr.write(text);
};

export async function runMigrate(config: Config): Promise<number> {
  const db = await openConfiguredDatabase(config);
  await db.close();
  const where = config.databaseUrl
    ? "PostgreSQL (DATABASE_URL)"
    : `the embedded database in ${config.dataDir}`;
  out(`Migrations applied to ${where}.\n`);
  return 0;
}

export async function runRegisterCommands(config: Config): Promise<number> {
  const { token, apiUrl, guildId } = config.discord;
  if (token === undefined) {
    err("register-commands needs DISCORD_TOKEN (the bot's token).\n");
    return 1;
  }
  const done = await registerCommands({ token, apiUrl, guildId });
  const shown = done.names.map((n) => (n.includes(" ") ? `"${n}"` : `/${n}`));
  out(`Registered ${shown.join(", ")} (${done.scope}).\n`);
  return 0;
}

export function runUsageCommand(config: Config, args: readonly string[]): Promise<number> {
  const local = spendFromDatabase(() => openConfiguredDatabase(config), config.pricing.centsPerCredit);
  // On the embedded database while a bot holds it, the spend is asked of that bot.
  const read = config.databaseUrl === undefined ? spendOrAskBot(local, config.dataDir) : local;
  return runUsage(
    args,
    read,
    { out, err, now: new Date() },
    providerSources(config, () => openConfiguredDatabase(config)),
  );
}

export function runCheckCommand(config: Config, args: readonly string[]): Promise<number> {
  // Only supports() is asked here: nothing is fetched or submitted.
  const router = new ProviderRouter(
    buildProviders(config.providers, {
      previewDir: join(config.dataDir, "previews"),
      fetchImage: () => Promise.reject(new Error("check fetches no images")),
    }),
  );
  return runCheck(
    args,
    { ...config.pricing, providerFor: (request: VideoRequest) => router.providerFor(request) },
    { stdin: process.stdin, out, err, render: renderOptions(config) },
    (request) => {
      const route = router.route(request);
      return route.ok
        ? { ok: true, provider: route.provider.id }
        : { ok: false, reason: route.reasons.map((r) => `${r.id}: ${r.reason}`).join("; ") };
    },
  );
}
