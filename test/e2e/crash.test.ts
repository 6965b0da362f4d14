import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakePixverse } from "../fakes/pixverse.ts";
import { afterRequests, BotProcesses } from "../support/bot-process.ts";
import { onPostgres } from "../support/database.ts";

// The bot as a separate process with 50 jobs in flight against a slow fake provider, killed with
// SIGKILL at five different points and restarted each time: every job must end delivered exactly
// once or refunded exactly once, and the ledger must add up. PostgreSQL only (the embedded
// database is one process by design, and a killed PGlite process is the same as a restart).

const JOBS = 50;

describe.runIf(onPostgres())("crash and restart", () => {
  const fake = new FakePixverse();
  let bots: BotProcesses;

  beforeAll(async () => {
    await fake.start();
    fake.nextScript = [5];
    bots = new BotProcesses(process.env.DATABASE_URL ?? "", fake, {
      // Ten at a time, so submissions go on all through the test and can be interrupted too.
      FRAMECAST_WORKSPACE_CONCURRENT: "10",
      FRAMECAST_STEP_EXPIRY_SECONDS: "3",
    });
  });
  afterAll(async () => {
    await bots.close();
    await fake.stop();
  });

  /**
   * Kills the bot the moment the fake has received `n` requests matching `path` since `since` (an
   * index into its request log), counting those already received.
   */
  async function killAt(path: RegExp, n: number, since = fake.requests.length): Promise<void> {
    let killed: Promise<unknown> = Promise.resolve();
    await afterRequests(fake, path, n, since, () => {
      killed = bots.stop("SIGKILL");
    });
    await killed;
  }

  it("GIVEN 50 jobs in flight and five kill -9s at different points THEN each ends delivered once or refunded once", async () => {
    const first = bots.start();
    fake.failNext("hang", "hang", "hang", "hang", "hang");
    first.stdin?.write(Array.from({ length: JOBS }, (_, i) => `/video fox number ${i} --dur 5\n`).join(""));
    await bots.printed(/^ℹ Queued · #/gmu, JOBS);
    await bots.watchDatabase();

    // The fake keeps every video generating until the test finishes some, so each kill point
    // below is certain to come, whatever the machine's speed.
    // 1: with five submissions received by the provider and not yet answered.
    await killAt(/\/video\/text\/generate$/u, 5, 0);
    // 2: in the middle of polling.
    bots.start();
    await killAt(/\/video\/result\//u, 15);
    // 3: as the first finished video is being fetched.
    fake.finish(5);
    bots.start();
    await killAt(/^\/media\//u, 1);
    // 4: with deliveries under way.
    fake.finish(10);
    bots.start();
    await killAt(/^\/media\//u, 6);
    // 5: polling again, after several restarts.
    bots.start();
    await killAt(/\/video\/result\//u, 5);
    // Then every video finishes: the bot must carry each job to its end.
    fake.nextScript = [5, 1];
    fake.finish();
    bots.start();
    const ended = await bots.allEnded(JOBS);
    expect(bots.failures).toEqual([]);
    await bots.stop("SIGKILL");

    await bots.expectEachEndedOnce(ended);
    expect([...ended.values()].filter((s) => s === "delivered").length).toBeGreaterThan(JOBS / 2);
    // Most of this test is waiting for the next poll of a job (every 5–30 s by its age): 124 s on
    // the shared VM with other suites running, 236 s with a 10,000-job bench beside it.
  }, 360_000);
});
