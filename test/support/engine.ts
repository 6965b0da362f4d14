import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PgBoss } from "pg-boss";
import type { BotDeps } from "../../src/app/deps.ts";
import type { VideoProvider } from "../../src/app/generation/ports.ts";
import { ProviderRouter } from "../../src/app/generation/router.ts";
import { EditThrottle } from "../../src/app/jobs/edit-throttle.ts";
import { type DeliveryPolicy, type EngineDeps, runStep } from "../../src/app/jobs/engine.ts";
import type { JobRecord } from "../../src/app/jobs/ports.ts";
import type { ChatPort } from "../../src/app/ports.ts";
import { RecordingChat } from "../../src/app/recording-chat.ts";
import { SqlJobAcceptance } from "../../src/db/acceptance.ts";
import { SqlJobStore } from "../../src/db/job-store.ts";
import { SqlMoneyStore } from "../../src/db/money-store.ts";
import { DEFAULT_MEDIA_HOSTS } from "../../src/media/fetch.ts";
import { LocalVideoFiles } from "../../src/media/video-files.ts";
import { createBoss } from "../../src/queue/boss.ts";
import { BossJobQueue, createVideoQueue, workVideoQueue } from "../../src/queue/jobs-queue.ts";
import { botDeps } from "./bot.ts";
import type { TestDatabase } from "./database.ts";

export interface TestEngine<C extends ChatPort = RecordingChat> {
  readonly chat: C;
  readonly deps: BotDeps;
  readonly store: SqlJobStore;
  readonly boss: PgBoss;
  /** The engine's queue (to wake a job as a webhook or the sweeper would). */
  readonly queue: BossJobQueue;
  /** Resolves when the job ends (delivered, failed, moderated, canceled or timed out). */
  finished(jobId: string): Promise<JobRecord>;
  /** The id of the job accepted most recently. */
  lastJob(): string;
  /** Resolves when the queue's next step of the job (one running now, or the next one) has ended. */
  stepEnded(jobId: string): Promise<void>;
  /** Runs one step of a job now, as a worker would. */
  step(jobId: string): Promise<void>;
  stop(): Promise<void>;
}

export interface TestEngineOptions {
  caps?: EngineDeps["caps"];
  mediaHosts?: string[];
  previewDir: string;
  now?: () => Date;
  bossSchema?: string;
  delivery?: DeliveryPolicy;
}

/** The real engine on a test database: pg-boss, the stores, the given providers, a recording chat. */
export function startTestEngine(
  database: TestDatabase,
  providers: readonly VideoProvider[],
  options: TestEngineOptions,
): Promise<TestEngine> {
  return startTestEngineWith(database, providers, { ...options, chat: new RecordingChat() });
}

/** The same engine talking to the given chat (a platform adapter on its local fake). */
export async function startTestEngineWith<C extends ChatPort>(
  database: TestDatabase,
  providers: readonly VideoProvider[],
  options: TestEngineOptions & { chat: C },
): Promise<TestEngine<C>> {
  const { chat } = options;
  const store = new SqlJobStore(database.db);
  const boss = createBoss(database, {
    schema: options.bossSchema ?? `boss_${randomBytes(4).toString("hex")}`,
  });
  boss.on("error", () => {});
  await boss.start();
  await createVideoQueue(boss);
  const queue = new BossJobQueue(boss);
  const router = new ProviderRouter(providers);
  const waiting = new Map<string, (job: JobRecord) => void>();
  const ended = new Map<string, JobRecord>();
  const accepted: string[] = [];
  const files = new LocalVideoFiles(
    mkdtempSync(join(tmpdir(), "framecast-videos-")),
    {
      allowedHosts: [...DEFAULT_MEDIA_HOSTS, ...(options.mediaHosts ?? [])],
      maxBytes: 100 * 1024 * 1024,
      timeoutMs: 10_000,
    },
    options.previewDir,
  );
  const engine: EngineDeps = {
    jobs: store,
    money: new SqlMoneyStore(database.db),
    chat,
    router,
    queue,
    files,
    edits: new EditThrottle((m, v) => chat.edit(m, v), { intervalMs: 0 }),
    now: options.now ?? (() => new Date()),
    caps: options.caps ?? { perUser: 2, perWorkspace: null, global: null },
    ...(options.delivery === undefined ? {} : { delivery: options.delivery }),
    onFinal: (job) => {
      ended.set(job.id, job);
      waiting.get(job.id)?.(job);
    },
  };
  const steps = new EventEmitter<{ ended: [string] }>();
  steps.setMaxListeners(100);
  await workVideoQueue(boss, { workers: 2, batchSize: 10 }, (jobId) =>
    runStep(engine, jobId).finally(() => steps.emit("ended", jobId)),
  );
  const deps: BotDeps = {
    ...botDeps(database, { quota: { ...botDeps(database).quota, now: () => new Date() }, operators: ["u1"] }),
    chat,
    jobs: {
      acceptance: new SqlJobAcceptance(database.db, (tx, jobId) => queue.enqueueInTransaction(tx, jobId)),
      store,
      router,
      frames: files,
      onAccepted: (id) => accepted.push(id),
    },
  };
  return {
    chat,
    deps,
    store,
    boss,
    queue,
    finished: (jobId) => {
      const done = ended.get(jobId);
      return done !== undefined
        ? Promise.resolve(done)
        : new Promise((resolve) => waiting.set(jobId, resolve));
    },
    lastJob: () => {
      const id = accepted.at(-1);
      if (id === undefined) throw new Error("no job was accepted");
      return id;
    },
    stepEnded: (jobId) =>
      new Promise((resolve) => {
        const ended = (id: string): void => {
          if (id !== jobId) return;
          steps.off("ended", ended);
          resolve();
        };
        steps.on("ended", ended);
      }),
    step: (jobId) => runStep(engine, jobId),
    stop: () => boss.stop({ graceful: false }),
  };
}
