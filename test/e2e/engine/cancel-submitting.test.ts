import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { ProviderJob, ProviderStatus, VideoProvider } from "../../../src/app/generation/ports.ts";
import { ProviderRouter } from "../../../src/app/generation/router.ts";
import { cancelJob } from "../../../src/app/jobs/cancel-job.ts";
import type { JobStore } from "../../../src/app/jobs/ports.ts";
import { rowsOf } from "../../../src/db/sql.ts";
import { textEvent } from "../../support/conversation.ts";
import { useTestDatabase } from "../../support/database.ts";
import { startTestEngine, type TestEngine } from "../../support/engine.ts";
import { handler } from "../../support/handler.ts";
import { instantPreview } from "../../support/preview.ts";

// /cancel while the provider is still answering the submit request: the job ends cancelled and
// refunded at once. When the provider answers, its job is recorded and cancelled there; a
// provider that can't cancel makes the video anyway, which the spend report shows as the
// operator's cost (the user is never charged).

const database = useTestDatabase();
const { previewDir } = instantPreview("cancel-submitting");

/** A provider whose submit answers only when released; `cancels` lists what it was asked to cancel. */
class SlowSubmit implements VideoProvider {
  readonly id = "preview" as const;
  readonly cancels: string[] = [];
  #release: () => void = () => {};
  readonly #released = new Promise<void>((resolve) => {
    this.#release = resolve;
  });
  #submitting: () => void = () => {};
  /** Resolves once a submit request is in flight. */
  readonly submitting = new Promise<void>((resolve) => {
    this.#submitting = resolve;
  });

  constructor(canCancel: boolean) {
    if (!canCancel) this.cancel = undefined;
  }

  supports(): { ok: true } {
    return { ok: true };
  }

  async submit(): Promise<ProviderJob> {
    this.#submitting();
    await this.#released;
    return { provider: "preview", id: "provider-job-1" };
  }

  async status(): Promise<ProviderStatus> {
    return { state: "running" };
  }

  cancel?: (job: ProviderJob) => Promise<"requested"> = async (job) => {
    this.cancels.push(job.id);
    return "requested";
  };

  release(): void {
    this.#release();
  }
}

const ledger = async (jobId: string): Promise<string[]> =>
  rowsOf<{ kind: string }>(
    await database().db.execute(sql`SELECT kind FROM ledger WHERE job_id = ${jobId} ORDER BY id`),
  ).map((r) => r.kind);

async function cancelDuringSubmit(canCancel: boolean) {
  const provider = new SlowSubmit(canCancel);
  const engine = await startTestEngine(database(), [provider], { previewDir });
  try {
    const say = (text: string) => handler(engine.deps, engine.chat)(textEvent(text));
    await say(`/video a fox cancelled in flight ${canCancel} --dur 5`);
    const id = engine.lastJob();
    await provider.submitting;
    await say("/cancel");
    expect(engine.chat.records.at(-1)).toMatchObject({ kind: "notify", view: { title: "Cancelled" } });
    expect(await ledger(id)).toEqual(["reserve", "refund"]);
    // The step that was submitting ends once the provider answers.
    const ended = engine.stepEnded(id);
    provider.release();
    await ended;
    return { provider, engine, id };
  } finally {
    provider.release();
  }
}

const engines: TestEngine[] = [];
afterAll(async () => {
  for (const engine of engines) await engine.stop();
});

describe("cancel while the provider is taking the job", () => {
  it("GIVEN a provider that can cancel THEN its job is recorded and cancelled there; the user pays nothing", async () => {
    const { provider, engine, id } = await cancelDuringSubmit(true);
    engines.push(engine);
    expect(provider.cancels).toEqual(["provider-job-1"]);
    const job = await engine.store.get(id);
    expect(job).toMatchObject({ state: "canceled", provider: { provider: "preview", id: "provider-job-1" } });
    expect(await ledger(id)).toEqual(["reserve", "refund"]);
  }, 60_000);

  it("GIVEN a provider that can't cancel THEN it runs on unwatched, and counts as the operator's cost", async () => {
    const { engine, id } = await cancelDuringSubmit(false);
    engines.push(engine);
    expect(await ledger(id)).toEqual(["reserve", "refund", "operator"]);
    expect((await engine.store.get(id))?.state).toBe("canceled");
    const [row] = rowsOf<{ reason: string }>(
      await database().db.execute(sql`SELECT reason FROM ledger WHERE job_id = ${id} AND kind = 'operator'`),
    );
    expect(row?.reason).toContain("preview can't cancel a video");
  }, 60_000);
});

describe("cancel racing the engine", () => {
  it("GIVEN the job moved from submitting to running meanwhile THEN it is cancelled from running, at the provider too", async () => {
    const provider = new SlowSubmit(true);
    const submitting = { state: "submitting", provider: undefined };
    const running = { state: "running", provider: { provider: "preview", id: "p-9" } };
    const base = {
      id: "j",
      conversation: { platform: "slack", workspaceId: "T1", channelId: "C1", userId: "U1", userName: "u" },
    };
    let reads = 0;
    const moves: string[] = [];
    const jobs = {
      get: async () => ({ ...base, ...(reads++ === 0 ? submitting : running) }),
      transition: async (_id: string, from: string, to: string) => {
        moves.push(`${from}→${to}`);
        return from === "running";
      },
    } as unknown as JobStore;
    const refunds: string[] = [];
    const outcome = await cancelJob(
      {
        jobs,
        money: {
          refund: async (id) => {
            refunds.push(id);
            return { status: "settled" };
          },
          absorb: async () => {},
        },
        router: new ProviderRouter([provider]),
        now: () => new Date(),
      },
      "j",
      { platform: "slack", workspaceId: "T1", userId: "U1" },
    );
    expect(outcome.ok).toBe(true);
    expect(moves).toEqual(["submitting→canceled", "running→canceled"]);
    expect(refunds).toEqual(["j"]);
    expect(provider.cancels).toEqual(["p-9"]);
  });
});
