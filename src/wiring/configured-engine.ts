// The engine as `framecast start` runs it, from the configuration: the providers with their media
// policy, the video files, the caps, logging of every ended job, the HTTP server on PORT (with the
// chat bots' mounts) and, on the embedded database, the control socket for usage and doctor.

import type { Server } from "node:http";
import { resolve } from "node:path";
import { sql } from "drizzle-orm";
import type { HttpMount } from "../app/bot.ts";
import type { JobMessages } from "../app/ports.ts";
import { slackFileHosts, slackPrivateFiles } from "../chat/slack/file-access.ts";
import { WorkspaceClients } from "../chat/slack/installations.ts";
import { appliedMigrations, shippedMigrations } from "../cli/doctor/migrations.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { SqlJobStore } from "../db/job-store.ts";
import { readProviderJobs } from "../db/provider-jobs.ts";
import { SqlSlackInstallations } from "../db/slack-installation-store.ts";
import { readSpend } from "../db/spend-report.ts";
import { type ControlAnswers, serveControl } from "../http/control-socket.ts";
import { createHttpServer, listen } from "../http/server.ts";
import { jobLogger } from "../log/job-log.ts";
import type { Logger } from "../log/logger.ts";
import { secretValues } from "../log/secrets.ts";
import { DEFAULT_MEDIA_HOSTS, type MediaPolicy } from "../media/fetch.ts";
import { type ImageSources, imageFetcher } from "../media/image-fetcher.ts";
import { LocalVideoFiles } from "../media/video-files.ts";
import { buildProviders } from "../providers/build.ts";
import { type Engine, type EngineOptions, startEngine } from "./engine.ts";

export interface RunningEngine {
  readonly engine: Engine;
  stop(): Promise<void>;
}

export async function startConfiguredEngine(
  config: Config,
  db: Database,
  messages: JobMessages,
  log: Logger,
  mounts: readonly HttpMount[],
): Promise<RunningEngine> {
  const previewDir = resolve(config.dataDir, "previews");
  const media = mediaPolicy(config);
  const engine = await startEngine({
    database: db,
    messages,
    providers: buildProviders(config.providers, {
      previewDir,
      fetchImage: imageFetcher(imageSources(config, db)),
    }),
    ...(config.publicUrl === undefined ? {} : { publicUrl: config.publicUrl }),
    files: new LocalVideoFiles(resolve(config.dataDir, "videos"), media, previewDir),
    caps: {
      perUser: config.quota.concurrentPerUser,
      perWorkspace: config.quota.concurrentPerWorkspace,
      global: config.quota.concurrentGlobal,
    },
    stepExpirySeconds: config.stepExpirySeconds,
    workers: 4,
    batchSize: 25,
    editIntervalMs: 2_000,
    // A running job with no progress to show is polled every 5–30 s; its elapsed time needn't be.
    idleEditIntervalMs: 15_000,
    now: () => new Date(),
    sweep: true,
    secrets: secretValues(config),
    chains: { pricing: config.pricing, defaults: config.quota.userDefaults },
    ...engineLogging(log, new SqlJobStore(db.db)),
  });
  const server = await serveHttp(config, db, engine, log, mounts);
  // The embedded database is this process's alone: usage and doctor ask through this socket.
  const control =
    db.kind === "pglite" ? await serveControl(config.dataDir, controlAnswers(config, db)) : undefined;
  return {
    engine,
    stop: async () => {
      await new Promise<void>((done) => {
        if (server === undefined) return done();
        server.close(() => done());
        server.closeIdleConnections();
      });
      await control?.close();
      await engine.stop({ graceful: true });
    },
  };
}

/** Every ended job logged with whose it was; a failed step (retried by the queue) too. */
function engineLogging(
  log: Logger,
  jobs: SqlJobStore,
): Pick<EngineOptions, "onFinal" | "onStepError" | "onQueueError" | "onEditError"> {
  return {
    onEditError: (error, { conversation: c, messageId }) =>
      log.warn(
        { err: error, platform: c.platform, workspace: c.workspaceId, channel: c.channelId, messageId },
        "the platform refused an edit of a job's message; the next update tries again",
      ),
    onFinal: (job) =>
      jobLogger(log, job.id, job).info(
        {
          state: job.state,
          provider: job.provider?.provider,
          seconds: ((job.finishedAt ?? new Date()).getTime() - job.createdAt.getTime()) / 1000,
          ...(job.error === undefined ? {} : { error: job.error }),
        },
        "job ended",
      ),
    onStepError: (jobId, error) => {
      void jobs
        .get(jobId)
        .catch(() => undefined)
        .then((job) =>
          jobLogger(log, jobId, job).warn({ err: error }, "step failed; the queue will retry it"),
        );
    },
    onQueueError: (error) => log.error({ err: error }, "queue error"),
  };
}

/** The HTTP server on PORT (webhooks, health, metrics, the bots' mounts); none without PORT. */
async function serveHttp(
  config: Config,
  db: Database,
  engine: Engine,
  log: Logger,
  mounts: readonly HttpMount[],
): Promise<Server | undefined> {
  if (config.port === undefined) return undefined;
  const server = createHttpServer({
    router: engine.router,
    jobs: engine.store,
    queue: engine.queue,
    metrics: engine.metrics,
    now: () => new Date(),
    ready: async () => {
      await db.db.execute(sql`SELECT 1`);
      return true;
    },
    mounts,
  });
  const port = await listen(server, config.port);
  log.info({ port }, "HTTP server listening: /healthz, /readyz, /metrics, /webhooks/<provider>");
  return server;
}

/** What usage and doctor may ask the bot that holds the embedded database. */
function controlAnswers(config: Config, db: Database): ControlAnswers {
  return {
    spend: (since) => readSpend(db.db, since, config.pricing.centsPerCredit),
    providerJobs: (since) => readProviderJobs(db.db, since),
    migrations: async () => ({
      applied: await appliedMigrations(db.db, undefined),
      shipped: shippedMigrations(),
    }),
  };
}

/** Where finished videos may be fetched from: the providers' hosts, never with a credential. */
function mediaPolicy(config: Config): MediaPolicy {
  const providerHosts = [
    config.providers.pixverse,
    config.providers.fal,
    config.providers.replicate,
    config.providers.runware,
    config.providers.cloudflare,
    config.providers.lumenfall,
    config.providers.aigateway,
  ].flatMap((p) => (p === undefined ? [] : [new URL(p.baseUrl).host]));
  return {
    allowedHosts: [...DEFAULT_MEDIA_HOSTS, ...providerHosts, ...config.mediaHosts],
    maxBytes: 200 * 1024 * 1024,
    timeoutMs: 120_000,
  };
}

/**
 * Where the providers' input pictures may come from: over https, Discord's CDN and the operator's
 * FRAMECAST_MEDIA_HOSTS for any job; Slack's private files only for a Slack job, with its own
 * workspace's bot token (one workspace: SLACK_BOT_TOKEN; several: each one's installation).
 */
function imageSources(config: Config, db: Database): ImageSources {
  const { botToken, oauth, apiUrl } = config.slack;
  const workspaces =
    oauth === undefined
      ? undefined
      : new WorkspaceClients(new SqlSlackInstallations(db.db), { slackApiUrl: apiUrl });
  const tokenOf =
    botToken !== undefined
      ? () => Promise.resolve(botToken)
      : workspaces === undefined
        ? undefined
        : (team: string) => workspaces.token(team);
  return {
    publicHosts: [...DEFAULT_MEDIA_HOSTS, ...config.mediaHosts],
    ...(tokenOf === undefined
      ? {}
      : { privateFiles: slackPrivateFiles({ hosts: slackFileHosts(apiUrl), tokenOf }) }),
    maxBytes: 20 * 1024 * 1024,
    timeoutMs: 120_000,
  };
}
