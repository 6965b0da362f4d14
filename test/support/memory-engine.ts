import type { BotDeps } from "../../src/app/deps.ts";
import type { VideoProvider } from "../../src/app/generation/ports.ts";
import { ProviderRouter } from "../../src/app/generation/router.ts";
import { EditThrottle } from "../../src/app/jobs/edit-throttle.ts";
import { type EngineDeps, runStep } from "../../src/app/jobs/engine.ts";
import { MemoryJobAcceptance } from "../../src/app/jobs/memory-acceptance.ts";
import { MemoryJobStore } from "../../src/app/jobs/memory-job-store.ts";
import { MemoryJobQueue } from "../../src/app/jobs/memory-queue.ts";
import { MemoryVideoFiles } from "../../src/app/jobs/memory-video-files.ts";
import type { ConcurrencyCaps, JobRecord } from "../../src/app/jobs/ports.ts";
import { MemoryMoneyStore } from "../../src/app/money/memory-money-store.ts";
import { MemoryPolicyStore } from "../../src/app/money/memory-policy-store.ts";
import { MemoryPreferencesStore } from "../../src/app/preferences/memory-preferences-store.ts";
import { RecordingChat } from "../../src/app/recording-chat.ts";
import { RedactingMessages } from "../../src/app/redacting-chat.ts";
import { MemorySettingsStore } from "../../src/app/settings/memory-settings-store.ts";
import type { Conversation } from "../../src/core/chat-event.ts";
import { DEFAULT_PRICING } from "../../src/core/pricing.ts";
import { conversation as defaultConversation } from "./conversation.ts";
import { handler } from "./handler.ts";

/**
 * The real engine (runStep) and use cases on the in-memory twins, with time that moves only when
 * the test says: no database, no pg-boss, no ffmpeg, no waiting. `advance(s)` moves the clock and
 * runs every step that falls due.
 */
export function memoryEngine(
  providers: readonly VideoProvider[],
  options: {
    caps?: ConcurrencyCaps;
    start?: Date;
    /** Replaces parts of the use cases' deps (pricing, operators, picture hosts, quota defaults). */
    deps?: Partial<Pick<BotDeps, "pricing" | "operators" | "imageHosts" | "secrets" | "concurrency">> & {
      quotaDefaults?: BotDeps["quota"]["defaults"];
    };
  } = {},
) {
  let clock = (options.start ?? new Date("2026-11-22T18:48:00Z")).getTime();
  const now = (): Date => new Date(clock);
  const settings = new MemorySettingsStore();
  const jobs = new MemoryJobStore({ settings, now });
  const money = new MemoryMoneyStore({ jobState: (id) => jobs.stateOf(id), now });
  const queue = new MemoryJobQueue(now);
  const files = new MemoryVideoFiles();
  const chat = new RecordingChat();
  const router = new ProviderRouter(providers);
  const ended: JobRecord[] = [];
  const editErrors: unknown[] = [];
  const accepted: string[] = [];
  const shown = new RedactingMessages(chat, []);
  const engine: EngineDeps = {
    jobs,
    money,
    messages: shown,
    router,
    queue,
    files,
    edits: new EditThrottle((m, v) => shown.edit(m, v), {
      intervalMs: 0,
      onError: (error) => editErrors.push(error),
    }),
    now,
    caps: options.caps ?? { perUser: 2, perWorkspace: null, global: null },
    onFinal: (job) => ended.push(job),
  };
  const { quotaDefaults, ...overrides } = options.deps ?? {};
  const policies = new MemoryPolicyStore();
  const deps: BotDeps = {
    messages: chat,
    pricing: DEFAULT_PRICING,
    quota: {
      money,
      policies,
      defaults: quotaDefaults ?? { day: { videos: 50, seconds: null, credits: null } },
      now,
    },
    settings,
    preferences: new MemoryPreferencesStore(),
    secrets: [],
    imageHosts: [],
    operators: [],
    concurrency: { perUser: 2, perWorkspace: null },
    jobs: {
      acceptance: new MemoryJobAcceptance(money, jobs, queue),
      store: jobs,
      router,
      frames: files,
      onAccepted: (id) => accepted.push(id),
    },
    ...overrides,
  };
  const run = (): Promise<number> => queue.drain((jobId) => runStep(engine, jobId));
  return {
    chat,
    deps,
    jobs,
    money,
    policies,
    queue,
    files,
    settings,
    ended,
    /** Progress edits the chat refused. */
    editErrors,
    now,
    /** Says `text` in chat as `who`, then runs every step due now. */
    say: async (text: string, who: Conversation = defaultConversation): Promise<void> => {
      await handler(deps, chat)({ conversation: who, roles: [], input: { kind: "text", text } });
      await run();
    },
    /** Says `text` in chat and runs nothing: its first step waits on the queue. */
    accept: (text: string, who: Conversation = defaultConversation): Promise<void> =>
      handler(deps, chat)({ conversation: who, roles: [], input: { kind: "text", text } }),
    /** Moves the clock by `seconds` in steps, running what falls due on the way. */
    advance: async (seconds: number): Promise<void> => {
      const until = clock + seconds * 1000;
      for (let due = queue.nextDue(); due !== undefined && due <= until; due = queue.nextDue()) {
        clock = Math.max(clock, due);
        await run();
      }
      clock = until;
      await run();
    },
    run,
    lastJob: (): string => {
      const id = accepted.at(-1);
      if (id === undefined) throw new Error("no job was accepted");
      return id;
    },
    job: async (id: string): Promise<JobRecord> => {
      const job = await jobs.get(id);
      if (job === undefined) throw new Error(`no job ${id}`);
      return job;
    },
  };
}
