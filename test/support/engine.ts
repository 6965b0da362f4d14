import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { desc } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import type { ChainRecord } from "../../src/app/chains/ports.ts";
import type { BotDeps } from "../../src/app/deps.ts";
import type { VideoProvider } from "../../src/app/generation/ports.ts";
import type { DeliveryPolicy } from "../../src/app/jobs/engine.ts";
import type { ConcurrencyCaps, JobRecord } from "../../src/app/jobs/ports.ts";
import type { JobMessages, MessageRef } from "../../src/app/ports.ts";
import { RecordingChat } from "../../src/app/recording-chat.ts";
import { DEFAULT_PRICING } from "../../src/core/pricing.ts";
import type { DefaultUserLimits } from "../../src/core/quota/policy.ts";
import { SqlChainStore } from "../../src/db/chain-store.ts";
import type { SqlJobStore } from "../../src/db/job-store.ts";
import { chains } from "../../src/db/schema/chains.ts";
import { DEFAULT_MEDIA_HOSTS } from "../../src/media/fetch.ts";
import { LocalVideoFiles } from "../../src/media/video-files.ts";
import type { BossJobQueue } from "../../src/queue/jobs-queue.ts";
import { type Engine, startEngine } from "../../src/wiring/engine.ts";
import { botDeps, TEST_QUOTA_DEFAULTS } from "./bot.ts";
import type { TestDatabase } from "./database.ts";

export interface TestEngine<C extends JobMessages = RecordingChat> {
  readonly chat: C;
  readonly deps: BotDeps;
  readonly store: SqlJobStore;
  readonly boss: PgBoss;
  /** The engine's queue (to wake a job as a webhook or the sweeper would). */
  readonly queue: BossJobQueue;
  readonly engine: Engine;
  /** Resolves when the job ends (delivered, failed, moderated, canceled or timed out). */
  finished(jobId: string): Promise<JobRecord>;
  /** The id of the job accepted most recently. */
  lastJob(): string;
  /** Progress edits the platform rejected (start logs each), in order. */
  readonly editErrors: { readonly error: unknown; readonly message: MessageRef }[];
  /** Resolves when the queue's next step of the job (one running now, or the next one) has ended. */
  stepEnded(jobId: string): Promise<void>;
  /** Runs one step of a job now, as a worker would. */
  step(jobId: string): Promise<void>;
  /** Resolves with the chain once it has ended (done or stopped). */
  chainEnded(chainId: string): Promise<ChainRecord>;
  /** The id of the chain started most recently. */
  lastChain(): Promise<string>;
  stop(): Promise<void>;
}

export interface TestEngineOptions {
  caps?: ConcurrencyCaps;
  mediaHosts?: string[];
  previewDir: string;
  /** Secret values scrubbed from chat, as start passes secretValues(config). */
  secrets?: readonly string[];
  now?: () => Date;
  bossSchema?: string;
  /** FRAMECAST_PUBLIC_URL: providers with webhooks are told to call back there. */
  publicUrl?: string;
  /** false: this engine accepts jobs but runs no steps (another engine on the queue does). */
  work?: boolean;
  delivery?: DeliveryPolicy;
  /** Every user's default limits (the bot's and the chains'); unset: test/support/bot.ts's. */
  quotaDefaults?: DefaultUserLimits;
}

/** The real engine on a test database: pg-boss, the stores, the given providers, a recording chat. */
export function startTestEngine(
  database: TestDatabase,
  providers: readonly VideoProvider[],
  options: TestEngineOptions,
): Promise<TestEngine> {
  return startTestEngineWith(database, providers, { ...options, chat: new RecordingChat() });
}

/** The same engine (src/wiring/engine.ts, as `start` runs it) talking to the given chat. */
export async function startTestEngineWith<C extends JobMessages>(
  database: TestDatabase,
  providers: readonly VideoProvider[],
  options: TestEngineOptions & { chat: C },
): Promise<TestEngine<C>> {
  const { chat } = options;
  const files = new LocalVideoFiles(
    mkdtempSync(join(tmpdir(), "framecast-videos-")),
    {
      allowedHosts: [...DEFAULT_MEDIA_HOSTS, ...(options.mediaHosts ?? [])],
      maxBytes: 100 * 1024 * 1024,
      timeoutMs: 10_000,
    },
    options.previewDir,
  );
  const editErrors: TestEngine["editErrors"] = [];
  const steps = new EventEmitter<{ ended: [string] }>();
  const chainEnds = new EventEmitter<{ ended: [string] }>();
  chainEnds.setMaxListeners(100);
  const chainStore = new SqlChainStore(database.db);
  steps.setMaxListeners(100);
  const engine = await startEngine({
    database,
    messages: chat,
    providers,
    ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
    files,
    caps: options.caps ?? { perUser: 2, perWorkspace: null, global: null },
    bossSchema: options.bossSchema ?? `boss_${randomBytes(4).toString("hex")}`,
    workers: 2,
    batchSize: 10,
    editIntervalMs: 0,
    now: options.now ?? (() => new Date()),
    sweep: false,
    work: options.work !== false,
    secrets: options.secrets ?? [],
    onEditError: (error, message) => editErrors.push({ error, message }),
    onStepEnded: (jobId) => steps.emit("ended", jobId),
    ...(options.delivery === undefined ? {} : { delivery: options.delivery }),
    // As the bot's: the shipped prices and the test quota defaults (test/support/bot.ts).
    chains: {
      pricing: DEFAULT_PRICING,
      defaults: options.quotaDefaults ?? TEST_QUOTA_DEFAULTS,
      onEnded: (id) => chainEnds.emit("ended", id),
    },
  });
  const deps: BotDeps = {
    ...botDeps(database, engine.jobs, {
      quota: {
        ...botDeps(database, engine.jobs).quota,
        now: () => new Date(),
        ...(options.quotaDefaults === undefined ? {} : { defaults: options.quotaDefaults }),
      },
      operators: ["u1"],
      secrets: options.secrets ?? [],
    }),
    messages: chat,
    ...(engine.chains === undefined ? {} : { chains: engine.chains.deps }),
  };
  return {
    chat,
    deps,
    store: engine.store,
    boss: engine.boss,
    queue: engine.queue,
    engine,
    finished: engine.finished,
    lastJob: engine.lastJob,
    editErrors,
    stepEnded: (jobId) =>
      new Promise((resolve) => {
        const ended = (id: string): void => {
          if (id !== jobId) return;
          steps.off("ended", ended);
          resolve();
        };
        steps.on("ended", ended);
      }),
    step: engine.step,
    chainEnded: async (chainId) => {
      const ended = new Promise<void>((resolve) => {
        const on = (id: string): void => {
          if (id !== chainId) return;
          chainEnds.off("ended", on);
          resolve();
        };
        chainEnds.on("ended", on);
      });
      const now = await chainStore.get(chainId);
      if (now?.state !== "done" && now?.state !== "stopped") await ended;
      const chain = await chainStore.get(chainId);
      if (chain === undefined) throw new Error(`no chain ${chainId}`);
      return chain;
    },
    lastChain: async () => {
      const rows = await database.db
        .select({ id: chains.id })
        .from(chains)
        .orderBy(desc(chains.createdAt))
        .limit(1);
      const id = rows[0]?.id;
      if (id === undefined) throw new Error("no chain");
      return id;
    },
    stop: () => engine.stop({ graceful: false }),
  };
}
