#!/usr/bin/env node
// framecast's one entry point, and the only place that wires concrete classes together.

import { join } from "node:path";
import type { BotDeps } from "./app/deps.ts";
import { ProviderRouter } from "./app/generation/router.ts";
import { CachedPolicyStore } from "./app/money/cached-policies.ts";
import { sweepMoney } from "./app/money/sweep.ts";
import { runConsole } from "./chat/console/run-console.ts";
import { runCheck } from "./cli/check.ts";
import { type Config, loadConfig } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { describeDatabaseError } from "./db/describe-error.ts";
import { SqlMoneyStore } from "./db/money-store.ts";
import { SqlPolicyStore } from "./db/policy-store.ts";
import { SqlSettingsStore } from "./db/settings-store.ts";
import { buildProviders } from "./providers/build.ts";

const USAGE = `framecast: AI video (PixVerse v5.6 and v6) for Discord and Slack

Usage: framecast [command]

Commands:
  start      run the bot on every configured platform; with none configured, the console (default)
  console    chat with the bot in this terminal (lines from a pipe work too)
  migrate    apply database migrations (start does this too)
  check      show what a /video command would make and cost:  framecast check "a fox --ar 9:16"
  help       this text

Storage: PostgreSQL when DATABASE_URL is set, else an embedded database in FRAMECAST_DATA_DIR (./data).`;

class StartupError extends Error {}

/** Opens and migrates the configured database; failures become a StartupError saying what to do. */
async function database(config: Config): Promise<Database> {
  let db: Database | undefined;
  try {
    db = config.databaseUrl
      ? await openDatabase({ kind: "postgres", url: config.databaseUrl })
      : await openDatabase({ kind: "pglite", dataDir: config.dataDir });
    await db.migrate();
    // Settle the money of jobs a previous run left mid-way (idempotent, cheap when there are none).
    await sweepMoney(new SqlMoneyStore(db.db), new Date(), ORPHAN_AFTER_MS);
    return db;
  } catch (error) {
    await db?.close().catch(() => {});
    throw new StartupError(describeDatabaseError(error, config.databaseUrl !== undefined));
  }
}

/** A reservation with no job row after this long was cut short before the job was written. */
const ORPHAN_AFTER_MS = 10 * 60_000;

function botDeps(config: Config, db: Database): Omit<BotDeps, "chat"> {
  return {
    pricing: config.pricing,
    quota: {
      money: new SqlMoneyStore(db.db),
      policies: new CachedPolicyStore(new SqlPolicyStore(db.db), 10_000),
      defaults: config.quota.userDefaults,
      now: () => new Date(),
    },
    settings: new SqlSettingsStore(db.db),
    operators: config.admins,
    concurrency: {
      perUser: config.quota.concurrentPerUser,
      perWorkspace: config.quota.concurrentPerWorkspace,
    },
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const [command = "start", ...args] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(
      `framecast can't start: the configuration has problems.\n${loaded.problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every setting.\n`,
    );
    return 1;
  }
  const { config } = loaded;
  const tty = process.stdout.isTTY === true;
  const render = { color: tty && config.color, width: config.columns ?? process.stdout.columns ?? 100 };
  const where = config.databaseUrl
    ? "PostgreSQL (DATABASE_URL)"
    : `the embedded database in ${config.dataDir}`;
  switch (command) {
    case "start":
    case "console": {
      const db = await database(config);
      try {
        await runConsole({
          input: process.stdin,
          output: process.stdout,
          interactive: process.stdin.isTTY === true && tty,
          color: render.color,
          width: render.width,
          deps: botDeps(config, db),
          userName: config.userName,
          logError: (error, reference) => {
            process.stderr.write(
              `[${reference}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
            );
          },
        });
      } finally {
        await db.close();
      }
      return 0;
    }
    case "migrate": {
      const db = await database(config);
      await db.close();
      process.stdout.write(`Migrations applied to ${where}.\n`);
      return 0;
    }
    case "check": {
      // Only supports() is asked here: nothing is fetched or submitted.
      const router = new ProviderRouter(
        buildProviders(config.providers, {
          previewDir: join(config.dataDir, "previews"),
          fetchImage: () => Promise.reject(new Error("check fetches no images")),
        }),
      );
      return runCheck(
        args,
        config.pricing,
        {
          stdin: process.stdin,
          out: (text) => process.stdout.write(text),
          err: (text) => process.stderr.write(text),
          render,
        },
        (request) => {
          const route = router.route(request);
          return route.ok
            ? { ok: true, provider: route.provider.id }
            : { ok: false, reason: route.reasons.map((r) => `${r.id}: ${r.reason}`).join("; ") };
        },
      );
    }
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message =
      error instanceof StartupError
        ? error.message
        : `framecast stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  },
);
