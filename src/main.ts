#!/usr/bin/env node
// framecast's one entry point, and the only place that wires concrete classes together.

import { mkdirSync, writeSync } from "node:fs";
import type { Server } from "node:http";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import type { BotDeps } from "./app/deps.ts";
import { ProviderRouter } from "./app/generation/router.ts";
import { AcceptedJobs } from "./app/jobs/accepted-jobs.ts";
import { EditThrottle } from "./app/jobs/edit-throttle.ts";
import { type EngineDeps, resumeOpenJobs, runStep } from "./app/jobs/engine.ts";
import type { JobsDeps } from "./app/jobs/request-video.ts";
import { CachedPolicyStore } from "./app/money/cached-policies.ts";
import { sweepMoney } from "./app/money/sweep.ts";
import type { ChatPort } from "./app/ports.ts";
import { CachedSettingsStore } from "./app/settings/cached-settings.ts";
import { ConsoleChat } from "./chat/console/console-chat.ts";
import { runConsole } from "./chat/console/run-console.ts";
import { DiscordBot } from "./chat/discord/discord-bot.ts";
import { registerCommands } from "./chat/discord/register-commands.ts";
import { PlatformChats } from "./chat/platform-chats.ts";
import { slackFileAccess, slackFileAccessByWorkspace } from "./chat/slack/file-access.ts";
import { WorkspaceClients } from "./chat/slack/installations.ts";
import { runSlack } from "./chat/slack/run-slack.ts";
import { runCheck } from "./cli/check.ts";
import { runDoctor } from "./cli/doctor/run-doctor.ts";
import { runUsage } from "./cli/usage/run-usage.ts";
import { type Config, loadConfig } from "./config.ts";
import { SqlJobAcceptance } from "./db/acceptance.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { describeDatabaseError } from "./db/describe-error.ts";
import { SqlJobStore } from "./db/job-store.ts";
import { SqlMoneyStore } from "./db/money-store.ts";
import { SqlPolicyStore } from "./db/policy-store.ts";
import { SqlSettingsStore } from "./db/settings-store.ts";
import { SqlSlackInstallations } from "./db/slack-installation-store.ts";
import { Metrics } from "./http/metrics.ts";
import { createHttpServer, listen } from "./http/server.ts";
import { jobLogger } from "./log/job-log.ts";
import { createLogger, type Logger } from "./log/logger.ts";
import { secretValues } from "./log/secrets.ts";
import { useMediaBinaries } from "./media/binaries.ts";
import { DEFAULT_MEDIA_HOSTS, fetchImage } from "./media/fetch.ts";
import { LocalVideoFiles } from "./media/video-files.ts";
import { buildProviders } from "./providers/build.ts";
import { createBoss } from "./queue/boss.ts";
import {
  BossJobQueue,
  createVideoQueue,
  scheduleSweeper,
  VIDEO_QUEUE,
  workVideoQueue,
} from "./queue/jobs-queue.ts";

const USAGE = `framecast: AI video (PixVerse v5.6 and v6) for Discord and Slack

Usage: framecast [command]

Commands:
  start      run the bot on every configured platform (Discord with DISCORD_TOKEN, Slack with SLACK_BOT_TOKEN, both at once); with none, the console (default)
  console    chat with the bot in this terminal (lines from a pipe work too)
  migrate    apply database migrations (start does this too)
  register-commands  register /video and /framecast with Discord (globally, or in DISCORD_GUILD_ID)
  check      show what a /video command would make and cost:  framecast check "a fox --ar 9:16"
  usage      spend per workspace and user, last 30 days:  framecast usage [--json] [--by workspace] [--days N]
  doctor     check the configuration, the database, every token and key, and ffmpeg; say how to fix what's wrong
  help       this text

Storage: PostgreSQL when DATABASE_URL is set, else an embedded database in FRAMECAST_DATA_DIR (./data).`;

class StartupError extends Error {}

/** Set when SIGINT or SIGTERM stopped the bot: the process then exits as soon as it has cleaned up. */
let stoppedBySignal = false;

/**
 * Resolves with the first SIGINT or SIGTERM (an operator's Ctrl-C, `docker stop`, an orchestrator):
 * from then on the bot takes no new work, lets running steps finish, and closes its connections.
 */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      stoppedBySignal = true;
      resolve(signal);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/** Opens and migrates the configured database; failures become a StartupError saying what to do. */
async function database(config: Config): Promise<Database> {
  let db: Database | undefined;
  try {
    db = config.databaseUrl
      ? await openDatabase({
          kind: "postgres",
          url: config.databaseUrl,
          ...(config.dbSchema ? { schema: config.dbSchema } : {}),
        })
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
    // Every command reads its workspace's settings: cached 10 s (admin changes here apply at once).
    settings: new CachedSettingsStore(new SqlSettingsStore(db.db), 10_000),
    operators: config.admins,
    // Pictures only from the chats' CDNs and hosts the operator allowed (providers' own hosts aren't inputs).
    imageHosts: [...DEFAULT_MEDIA_HOSTS, ...config.mediaHosts],
    concurrency: {
      perUser: config.quota.concurrentPerUser,
      perWorkspace: config.quota.concurrentPerWorkspace,
    },
  };
}

interface EngineRuntime {
  readonly jobs: JobsDeps;
  /** The HTTP server on PORT, when set (Slack's HTTP mode mounts /slack/events on it). */
  readonly server: Server | undefined;
  /** Resolves once every job accepted by this process has ended. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** The job engine on the configured database: pg-boss, the stores, the providers, a worker. */
async function startEngine(
  config: Config,
  db: Database,
  chat: ChatPort,
  log: Logger,
): Promise<EngineRuntime> {
  const boss = createBoss(db, {
    superviseSeconds: Math.max(1, Math.min(60, Math.floor(config.stepExpirySeconds / 2))),
  });
  boss.on("error", (error: Error) => log.error({ err: error }, "queue error"));
  await boss.start();
  await createVideoQueue(boss);
  const queue = new BossJobQueue(boss, config.stepExpirySeconds);
  const previewDir = resolve(config.dataDir, "previews");
  const providerHosts = [
    config.providers.pixverse,
    config.providers.fal,
    config.providers.replicate,
    config.providers.runware,
    config.providers.cloudflare,
    config.providers.lumenfall,
    config.providers.aigateway,
  ].flatMap((p) => (p === undefined ? [] : [new URL(p.baseUrl).host]));
  // Slack's url_private needs a bot token of the file's workspace: sent to Slack's file host only.
  const slackWorkspaces =
    config.slack.oauth === undefined
      ? undefined
      : new WorkspaceClients(new SqlSlackInstallations(db.db), { slackApiUrl: config.slack.apiUrl });
  const slackFiles =
    config.slack.botToken !== undefined
      ? slackFileAccess(config.slack.botToken, config.slack.apiUrl)
      : slackWorkspaces === undefined
        ? undefined
        : slackFileAccessByWorkspace((team) => slackWorkspaces.token(team), config.slack.apiUrl);
  const media = {
    allowedHosts: [
      ...DEFAULT_MEDIA_HOSTS,
      ...providerHosts,
      ...config.mediaHosts,
      ...(slackFiles?.hosts ?? []),
    ],
    ...(slackFiles === undefined ? {} : { headers: slackFiles.headers }),
    maxBytes: 200 * 1024 * 1024,
    timeoutMs: 120_000,
  };
  const router = new ProviderRouter(
    buildProviders(config.providers, {
      previewDir,
      fetchImage: (url) => fetchImage(url, { ...media, maxBytes: 20 * 1024 * 1024 }),
    }),
    config.publicUrl === undefined ? {} : { publicUrl: config.publicUrl },
  );
  const store = new SqlJobStore(db.db);
  const metrics = new Metrics({
    jobsByState: () => store.countByState(),
    queueDepth: async () => (await boss.getQueueStats(VIDEO_QUEUE)).reduce((n, q) => n + q.queuedCount, 0),
  });
  // Ended here (onFinal) or in another instance on this database: the console waits for them.
  const accepted = new AcceptedJobs(store);
  const files = new LocalVideoFiles(resolve(config.dataDir, "videos"), media, previewDir);
  const engine: EngineDeps = {
    jobs: store,
    money: new SqlMoneyStore(db.db),
    chat,
    router,
    queue,
    files,
    edits: new EditThrottle((m, v) => chat.edit(m, v), { intervalMs: 2_000 }),
    now: () => new Date(),
    caps: {
      perUser: config.quota.concurrentPerUser,
      perWorkspace: config.quota.concurrentPerWorkspace,
      global: config.quota.concurrentGlobal,
    },
    onFinal: (job) => {
      jobLogger(log, job.id, job).info(
        {
          state: job.state,
          provider: job.provider?.provider,
          seconds: ((job.finishedAt ?? new Date()).getTime() - job.createdAt.getTime()) / 1000,
          ...(job.error === undefined ? {} : { error: job.error }),
        },
        "job ended",
      );
      if (job.state === "delivered")
        metrics.deliveries.inc({ provider: job.provider?.provider ?? "unknown" });
      else metrics.refunds.inc({ reason: job.state });
      accepted.ended(job.id);
    },
    observe: (provider, call, seconds) => metrics.providerLatency.observe({ provider, call }, seconds),
  };
  await workVideoQueue(boss, { workers: 4, batchSize: 25 }, (jobId) =>
    runStep(engine, jobId).catch(async (error: unknown) => {
      // The queue retries the step; say why it failed, with whose job it is.
      const job = await store.get(jobId).catch(() => undefined);
      jobLogger(log, jobId, job).warn({ err: error }, "step failed; the queue will retry it");
      throw error;
    }),
  );
  // Jobs a previous run left mid-way carry on now; the periodic sweep repeats this for any job
  // whose queue entry was lost, and settles money a crash left open.
  await resumeOpenJobs(engine);
  await scheduleSweeper(boss, async () => {
    await resumeOpenJobs(engine);
    await sweepMoney(new SqlMoneyStore(db.db), new Date(), ORPHAN_AFTER_MS);
  });
  const server =
    config.port === undefined
      ? undefined
      : createHttpServer({
          router,
          jobs: store,
          queue,
          metrics,
          now: () => new Date(),
          ready: async () => {
            await db.db.execute(sql`SELECT 1`);
            return true;
          },
        });
  if (server !== undefined && config.port !== undefined) {
    const port = await listen(server, config.port);
    log.info({ port }, "HTTP server listening: /healthz, /readyz, /metrics, /webhooks/<provider>");
  }
  return {
    server,
    jobs: {
      acceptance: new SqlJobAcceptance(db.db, (tx, jobId) => queue.enqueueInTransaction(tx, jobId)),
      store,
      router,
      frames: files,
      onAccepted: (jobId) => accepted.accepted(jobId),
    },
    idle: () => accepted.idle(),
    // Stops taking steps, waits up to 10 s for running ones to finish (a step still running then
    // is failed back to the queue and runs again after a restart: every step is idempotent).
    stop: async () => {
      await new Promise<void>((done) => {
        if (server === undefined) return done();
        server.close(() => done());
        server.closeIdleConnections();
      });
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}

/** The Discord bot for `config` (its gateway connects on start). */
function discordBot(
  config: Config,
  token: string,
  logError: (error: unknown, reference: string) => void,
): DiscordBot {
  return new DiscordBot({
    token,
    apiUrl: config.discord.apiUrl,
    messageContent: config.discord.messageContent,
    ...(config.discord.shards === undefined ? {} : { shards: config.discord.shards }),
    logError,
  });
}

/** The Discord bot with the job engine, until SIGINT or SIGTERM. */
async function runDiscord(
  config: Config,
  token: string,
  log: Logger,
  logError: (error: unknown, reference: string) => void,
): Promise<number> {
  const stop = stopSignal();
  const db = await database(config);
  const bot = discordBot(config, token, logError);
  const engine = await startEngine(config, db, bot.chat, log);
  try {
    await bot.start({ ...botDeps(config, db), jobs: engine.jobs });
    log.info("connected to Discord; Ctrl-C to stop");
    log.info({ signal: await stop }, "stopping: no new commands; running steps finish");
  } finally {
    await bot.stop();
    await engine.stop();
    await db.close();
  }
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command = "start", ...args] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Before the configuration is loaded: explaining a bad configuration is doctor's job.
  if (command === "doctor") return runDoctor(process.env, (text) => process.stdout.write(text));
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(
      `framecast can't start: the configuration has problems.\n${loaded.problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every setting.\n`,
    );
    return 1;
  }
  const { config } = loaded;
  useMediaBinaries(config.media);
  const tty = process.stdout.isTTY === true;
  const render = { color: tty && config.color, width: config.columns ?? process.stdout.columns ?? 100 };
  const where = config.databaseUrl
    ? "PostgreSQL (DATABASE_URL)"
    : `the embedded database in ${config.dataDir}`;
  const slack = config.slack.botToken !== undefined || config.slack.oauth !== undefined;
  const bot = command === "start" && (config.discord.token !== undefined || slack);
  const log = createLogger({
    // The console's terminal is its chat: only warnings and errors go there unless asked.
    level: config.logLevel ?? (bot ? "info" : "warn"),
    pretty: process.stderr.isTTY === true,
    color: config.color,
    secrets: secretValues(config),
  });
  const logError = (error: unknown, reference: string): void => {
    log.error({ err: error, reference }, "unexpected error");
  };
  // Slack first: with Discord configured too, both run in this process on one engine.
  if (command === "start" && slack) {
    const { botToken, oauth, signingSecret, appToken, apiUrl } = config.slack;
    const db = await database(config);
    const installations = new SqlSlackInstallations(db.db);
    return runSlack({
      settings: {
        botToken,
        signingSecret,
        appToken,
        apiUrl,
        ...(oauth === undefined ? {} : { oauth: { ...oauth, installations } }),
      },
      start: async (slackChat) => {
        const token = config.discord.token;
        const discord = token === undefined ? undefined : discordBot(config, token, logError);
        // Each job's messages go to the platform it came from.
        const chat =
          discord === undefined ? slackChat : new PlatformChats({ slack: slackChat, discord: discord.chat });
        const engine = await startEngine(config, db, chat, log);
        const deps = { ...botDeps(config, db), jobs: engine.jobs };
        if (discord !== undefined) {
          await discord.start(deps);
          log.info("connected to Discord");
        }
        return {
          deps,
          server: engine.server,
          stop: async () => {
            await discord?.stop();
            await engine.stop();
            await db.close();
          },
        };
      },
      // As for Discord: SIGINT/SIGTERM stop taking requests, let running steps finish, then exit.
      until: stopSignal().then((signal) =>
        log.info({ signal }, "stopping: no new commands; running steps finish"),
      ),
      log: (line) => log.info(line),
      logWarning: (line) => log.warn(line),
      logError,
    });
  }
  if (command === "start" && config.discord.token !== undefined)
    return runDiscord(config, config.discord.token, log, logError);
  switch (command) {
    case "register-commands": {
      const { token, apiUrl, guildId } = config.discord;
      if (token === undefined) {
        process.stderr.write("register-commands needs DISCORD_TOKEN (the bot's token).\n");
        return 1;
      }
      const done = await registerCommands({ token, apiUrl, guildId });
      const shown = done.names.map((n) => (n.includes(" ") ? `"${n}"` : `/${n}`));
      process.stdout.write(`Registered ${shown.join(", ")} (${done.scope}).\n`);
      return 0;
    }
    case "start": // no platform configured: the console
    case "console": {
      const db = await database(config);
      // Synchronous writes: a line the console printed is out before the next step can run.
      mkdirSync(config.dataDir, { recursive: true });
      const chat = new ConsoleChat(
        (text) => writeSync(1, text),
        render,
        join(config.dataDir, "console-posted.log"),
      );
      const stop = stopSignal();
      const engine = await startEngine(config, db, chat, log);
      try {
        const chatting = runConsole({
          input: process.stdin,
          output: process.stdout,
          interactive: process.stdin.isTTY === true && tty,
          color: render.color,
          width: render.width,
          chat,
          afterInput: () => engine.idle(),
          deps: { ...botDeps(config, db), jobs: engine.jobs },
          userName: config.userName,
          logError,
        });
        const signal = await Promise.race([chatting.then(() => undefined), stop]);
        if (signal !== undefined) {
          log.info({ signal }, "stopping: no new commands; running steps finish");
          process.stdin.destroy();
        }
      } finally {
        await engine.stop();
        await db.close();
      }
      return 0;
    }
    case "usage":
      return runUsage(args, () => database(config), config.pricing.centsPerCredit, {
        out: (text) => process.stdout.write(text),
        err: (text) => process.stderr.write(text),
        now: new Date(),
      });
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
    // Stopped by a signal, with everything closed: a timer or socket left over must not keep it up.
    if (stoppedBySignal) process.exit(code);
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
