import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderJob, ProviderStatus, VideoProvider } from "../../src/app/generation/ports.ts";
import { VIDEO_QUEUE, workVideoQueue } from "../../src/queue/jobs-queue.ts";
import { textEvent } from "../support/conversation.ts";
import { useTestDatabase } from "../support/database.ts";
import { startTestEngine, type TestEngine } from "../support/engine.ts";
import { handler } from "../support/handler.ts";
import { instantPreview } from "../support/preview.ts";

// A job's step that runs long (a slow provider call, a big upload) must not hold up any other
// job: not while a wake-up for it waits (a webhook, the sweeper's resume), and not the steps that
// happened to be fetched in the same batch. pg-boss's stately policy allows one active step per
// job; a due step whose job's step is active used to make every fetch fail on its unique index.

const database = useTestDatabase();
const { previewDir, preview } = instantPreview("queue");

/** The preview provider, except that asking the status of a "held" video waits for `release`. */
class HoldingProvider implements VideoProvider {
  readonly id = "preview" as const;
  readonly #held = new Set<string>();
  #release: () => void = () => {};
  readonly released = new Promise<void>((resolve) => {
    this.#release = resolve;
  });
  #holding: () => void = () => {};
  /** Resolves once a held status call is waiting. */
  readonly holding = new Promise<void>((resolve) => {
    this.#holding = resolve;
  });

  supports = preview.supports.bind(preview);

  async submit(...args: Parameters<VideoProvider["submit"]>): Promise<ProviderJob> {
    const job = await preview.submit(...args);
    if (args[0].prompt.includes("held")) this.#held.add(job.id);
    return job;
  }

  async status(job: ProviderJob): Promise<ProviderStatus> {
    if (this.#held.has(job.id)) {
      this.#holding();
      await this.released;
    }
    await preview.rendered(job);
    return preview.status(job);
  }

  release(): void {
    this.#release();
  }
}

const provider = new HoldingProvider();
let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine(database(), [provider], {
    previewDir,
    caps: { perUser: null, perWorkspace: null, global: null },
  });
  await say("/framecast admin quota set user:<@u1> videos:100 seconds:1000");
}, 60_000);
afterAll(async () => {
  provider.release();
  await engine?.stop();
});

const say = (text: string) => handler(engine.deps, engine.chat)(textEvent(text));

describe("the video queue", () => {
  it("GIVEN a job's step running long and a wake-up for it THEN five other jobs are delivered meanwhile", async () => {
    await say("/video a held fox --model v6 --dur 1 --q 360p");
    const held = engine.lastJob();
    await provider.holding;
    // What a provider's webhook (or the sweeper's resume) does for a job whose step is running.
    await engine.queue.schedule(held, 0);
    const began = performance.now();
    const others: string[] = [];
    for (let i = 0; i < 5; i++) {
      await say(`/video fox ${i} --model v6 --dur 1 --q 360p`);
      others.push(engine.lastJob());
    }
    const ended = await Promise.all(others.map((id) => engine.finished(id)));
    const seconds = (performance.now() - began) / 1000;
    expect(ended.map((j) => j.state)).toEqual(Array(5).fill("delivered"));
    expect((await engine.store.get(held))?.state).toBe("running");
    provider.release();
    expect((await engine.finished(held)).state).toBe("delivered");
    console.info(`five jobs delivered in ${seconds.toFixed(1)} s while another job's step was held`);
  }, 60_000);
});

describe("settling steps", () => {
  it("GIVEN a batch with a quick step and a slow one THEN the quick one is completed before the slow one ends", async () => {
    const completed: string[] = [];
    let handler: ((jobs: unknown[]) => Promise<unknown>) | undefined;
    let done: () => void = () => {};
    const completedOnce = new Promise<void>((resolve) => {
      done = resolve;
    });
    const boss = {
      work: async (_name: string, _options: unknown, run: (jobs: unknown[]) => Promise<unknown>) => {
        handler = run;
        return "worker";
      },
      complete: async (name: string, ids: { id: string }[]) => {
        expect(name).toBe(VIDEO_QUEUE);
        completed.push(...ids.map((a) => a.id));
        done();
        return {};
      },
    } as unknown as PgBoss;
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    await workVideoQueue(boss, { workers: 1, batchSize: 2 }, (jobId) =>
      jobId === "slow" ? slow : Promise.resolve(),
    );
    const batch = handler?.([
      { id: "q1", retryCount: 0, data: { jobId: "quick" } },
      { id: "q2", retryCount: 0, data: { jobId: "slow" } },
    ]);
    await completedOnce;
    expect(completed).toEqual(["q1"]);
    release();
    expect(await batch).toEqual([
      { id: "q1", status: "completed" },
      { id: "q2", status: "completed" },
    ]);
  });
});
