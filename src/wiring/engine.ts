// The job engine, wired: pg-boss on the database, the stores, the provider router, the video
// files, metrics, a worker pool, optionally the sweeper, and tracking of the jobs this process
// accepted. main starts it from the configuration (configured-engine.ts); tests start it with
// their own providers and chat. One factory, so both run the same engine.

import type { PgBoss } from "pg-boss";
import type { VideoProvider } from "../app/generation/ports.ts";
import { ProviderRouter } from "../app/generation/router.ts";
import { EditThrottle } from "../app/jobs/edit-throttle.ts";
import { type DeliveryPolicy, type EngineDeps, resumeOpenJobs, runStep } from "../app/jobs/engine.ts";
import type { ConcurrencyCaps, JobRecord, JobsDeps } from "../app/jobs/ports.ts";
import { sweepMoney } from "../app/money/sweep.ts";
import type { JobMessages, MessageRef } from "../app/ports.ts";
import { RedactingMessages } from "../app/redacting-chat.ts";
import { SqlJobAcceptance } from "../db/acceptance.ts";
import type { Database } from "../db/client.ts";
import { SqlJobStore } from "../db/job-store.ts";
import { SqlMoneyStore } from "../db/money-store.ts";
import { Metrics } from "../http/metrics.ts";
import type { LocalVideoFiles } from "../media/video-files.ts";
import { createBoss } from "../queue/boss.ts";
import {
  BossJobQueue,
  createVideoQueue,
  scheduleSweeper,
  VIDEO_QUEUE,
  workVideoQueue,
} from "../queue/jobs-queue.ts";
import { type ChainOptions, type ChainWiring, wireChains } from "./chain-engine.ts";
import { jobTracking } from "./job-tracking.ts";

/** A reservation with no job row after this long was cut short before the job was written. */
export const ORPHAN_AFTER_MS = 10 * 60_000;

export interface EngineOptions {
  readonly database: Database;
  readonly messages: JobMessages;
  readonly providers: readonly VideoProvider[];
  /** Set: providers that send webhooks are asked to call `<publicUrl>/webhooks/<provider>`. */
  readonly publicUrl?: string;
  readonly files: LocalVideoFiles;
  readonly caps: ConcurrencyCaps;
  /** How long one step may run before another instance takes it over; unset: the queue's default. */
  readonly stepExpirySeconds?: number;
  /** pg-boss's schema; unset: beside the database's own (see createBoss). */
  readonly bossSchema?: string;
  readonly workers: number;
  readonly batchSize: number;
  /** The least time between two progress edits of one message. */
  readonly editIntervalMs: number;
  /** How often a message whose job has no news is refreshed (its elapsed time); unset: as edits. */
  readonly idleEditIntervalMs?: number;
  readonly now: () => Date;
  /** false: accept jobs but run no steps (another instance's workers do); unset: work. */
  readonly work?: boolean;
  /** Resume jobs a previous run left open, and sweep open money periodically (production). */
  readonly sweep: boolean;
  /** Every secret value the configuration holds: scrubbed from all the engine shows in chat. */
  readonly secrets: readonly string[];
  /** Told of every progress edit the platform refused (logging). */
  readonly onEditError: (error: unknown, message: MessageRef) => void;
  /** Told whenever a job reaches a final state (logging). */
  readonly onFinal?: (job: JobRecord) => void;
  /** How hard to try posting a finished video; unset: the engine's default. */
  readonly delivery?: DeliveryPolicy;
  /** Told when any step of a job has ended, however it ended (tests wait on it). */
  readonly onStepEnded?: (jobId: string) => void;
  /** Told when a step failed and the queue will retry it. */
  readonly onStepError?: (jobId: string, error: unknown) => void;
  /** Told when the queue itself reports an error. */
  readonly onQueueError?: (error: Error) => void;
  /** Continue chains' prices and quota defaults (the bot's); unset: no Continue. */
  readonly chains?: ChainOptions;
}

export interface Engine {
  /** What the chat use cases need to accept jobs into this engine. */
  readonly jobs: JobsDeps;
  /** Continue chains, when the engine was given their options. */
  readonly chains: ChainWiring | undefined;
  readonly store: SqlJobStore;
  readonly boss: PgBoss;
  readonly queue: BossJobQueue;
  readonly router: ProviderRouter;
  readonly metrics: Metrics;
  /** Resolves with the job once it has ended (delivered, failed, moderated, canceled, timed out). */
  finished(jobId: string): Promise<JobRecord>;
  /** The id of the job this process accepted last. */
  lastJob(): string;
  /** Runs one step of a job now, as a worker would. */
  step(jobId: string): Promise<void>;
  /** Stops taking steps; graceful: waits up to 10 s for running ones (then they run again elsewhere). */
  stop(options?: { readonly graceful: boolean }): Promise<void>;
}

export async function startEngine(options: EngineOptions): Promise<Engine> {
  const { database } = options;
  const boss = await startBoss(options);
  const queue = new BossJobQueue(boss, options.stepExpirySeconds);
  const router = new ProviderRouter(
    options.providers,
    options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl },
  );
  const store = new SqlJobStore(database.db);
  const money = new SqlMoneyStore(database.db);
  const metrics = new Metrics({
    jobsByState: () => store.countByState(),
    queueDepth: async () => (await boss.getQueueStats(VIDEO_QUEUE)).reduce((n, q) => n + q.queuedCount, 0),
  });
  const tracking = jobTracking(store);
  const acceptance = new SqlJobAcceptance(database.db, (jobId) => queue.firstStep(jobId));
  const chains =
    options.chains === undefined
      ? undefined
      : wireChains(options.chains, {
          database,
          jobs: store,
          acceptance,
          router,
          queue,
          files: options.files,
          now: options.now,
          onAccepted: tracking.accepted,
        });
  const ended = (job: JobRecord): void => {
    tracking.ended(job);
    chains?.segmentEnded(job);
  };
  const engine = engineDeps(options, { store, money, router, queue, metrics, ended });
  await startWork(boss, engine, money, options, chains);
  return {
    chains,
    jobs: {
      acceptance,
      store,
      router,
      frames: options.files,
      onAccepted: tracking.accepted,
    },
    store,
    boss,
    queue,
    router,
    metrics,
    finished: tracking.finished,
    lastJob: tracking.lastJob,
    step: (jobId) => runStep(engine, jobId),
    stop: async (stopOptions = { graceful: true }) => {
      await boss.stop(stopOptions.graceful ? { graceful: true, timeout: 10_000 } : { graceful: false });
    },
  };
}

/** pg-boss on the database, started, with the video queue created. */
async function startBoss(options: EngineOptions): Promise<PgBoss> {
  const boss = createBoss(options.database, {
    ...(options.bossSchema === undefined ? {} : { schema: options.bossSchema }),
    ...(options.stepExpirySeconds === undefined
      ? {}
      : { superviseSeconds: Math.max(1, Math.min(60, Math.floor(options.stepExpirySeconds / 2))) }),
  });
  boss.on("error", (error: Error) => options.onQueueError?.(error));
  await boss.start();
  await createVideoQueue(boss);
  return boss;
}

interface EngineParts {
  readonly store: SqlJobStore;
  readonly money: SqlMoneyStore;
  readonly router: ProviderRouter;
  readonly queue: BossJobQueue;
  readonly metrics: Metrics;
  readonly ended: (job: JobRecord) => void;
}

/** What the engine's steps run on, with each ended job counted, logged and told to its waiters. */
function engineDeps(options: EngineOptions, parts: EngineParts): EngineDeps {
  // What the engine shows passes through the same secret scrubbing as the logs.
  const messages = new RedactingMessages(options.messages, options.secrets);
  const { metrics } = parts;
  return {
    jobs: parts.store,
    money: parts.money,
    messages,
    router: parts.router,
    queue: parts.queue,
    files: options.files,
    edits: new EditThrottle((m, v) => messages.edit(m, v), {
      intervalMs: options.editIntervalMs,
      ...(options.idleEditIntervalMs === undefined ? {} : { idleMs: options.idleEditIntervalMs }),
      onError: options.onEditError,
    }),
    now: options.now,
    caps: options.caps,
    ...(options.delivery === undefined ? {} : { delivery: options.delivery }),
    onFinal: (job) => {
      if (job.state === "delivered")
        metrics.deliveries.inc({ provider: job.provider?.provider ?? "unknown" });
      else metrics.refunds.inc({ reason: job.state });
      options.onFinal?.(job);
      parts.ended(job);
    },
    observe: (provider, call, seconds) => metrics.providerLatency.observe({ provider, call }, seconds),
  };
}

/** Workers on the video queue; with `sweep`, open jobs resumed now and swept periodically. */
async function startWork(
  boss: PgBoss,
  engine: EngineDeps,
  money: SqlMoneyStore,
  options: EngineOptions,
  chains: ChainWiring | undefined,
): Promise<void> {
  // A queued step is a job's, or a Continue chain's (`chain:<id>`).
  const step = async (id: string): Promise<void> => {
    if (!(await chains?.step(id, engine.messages))) await runStep(engine, id);
  };
  if (options.work !== false)
    await workVideoQueue(boss, { workers: options.workers, batchSize: options.batchSize }, (jobId) =>
      step(jobId)
        .catch((error: unknown) => {
          options.onStepError?.(jobId, error);
          throw error; // the queue retries the step
        })
        .finally(() => options.onStepEnded?.(jobId)),
    );
  if (!options.sweep) return;
  // Jobs a previous run left mid-way carry on now; the periodic sweep repeats this for any job
  // whose queue entry was lost, and settles money a crash left open.
  await resumeOpenJobs(engine);
  await chains?.resume();
  await scheduleSweeper(boss, async () => {
    await resumeOpenJobs(engine);
    await chains?.resume();
    await sweepMoney(money, options.now(), ORPHAN_AFTER_MS);
  });
}
