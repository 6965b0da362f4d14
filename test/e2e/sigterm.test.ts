import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakePixverse } from "../fakes/pixverse.ts";
import { afterRequests, BotProcesses } from "../support/bot-process.ts";
import { onPostgres } from "../support/database.ts";

// The bot as a separate process with 20 jobs in flight, stopped with SIGTERM (what docker stop
// and orchestrators send) while deliveries are under way: it must exit 0 promptly, and after a
// restart every job must be delivered exactly once. PostgreSQL only (the behaviour is the same on
// the embedded database, which is one process by design).

const JOBS = 20;
/** docker stop waits 10 s before SIGKILL; pg-boss's graceful stop is given 10 s of it. */
const EXIT_WITHIN_MS = 12_000;

describe.runIf(onPostgres())("SIGTERM and restart", () => {
  const fake = new FakePixverse();
  let bots: BotProcesses;

  beforeAll(async () => {
    await fake.start();
    fake.nextScript = [5];
    bots = new BotProcesses(process.env.DATABASE_URL ?? "", fake);
  });
  afterAll(async () => {
    await bots.close();
    await fake.stop();
  });

  it("GIVEN 20 jobs in flight, some being delivered THEN SIGTERM exits 0 in time and a restart delivers each exactly once", async () => {
    const first = bots.start();
    first.stdin?.write(Array.from({ length: JOBS }, (_, i) => `/video fox number ${i} --dur 5\n`).join(""));
    await bots.printed(/^ℹ Queued · #/gmu, JOBS);
    await bots.watchDatabase();
    // Every job is at the provider, generating until the test says otherwise.
    await afterRequests(fake, /\/video\/text\/generate$/u, JOBS, 0);
    // Five finish: SIGTERM the moment the first of their videos is being fetched.
    const since = fake.requests.length;
    fake.finish(5);
    await afterRequests(fake, /^\/media\//u, 1, since);
    const stopping = Date.now();
    const code = await bots.stop("SIGTERM");
    expect(Date.now() - stopping).toBeLessThan(EXIT_WITHIN_MS);
    expect(code).toBe(0);

    fake.nextScript = [1];
    fake.finish();
    bots.start();
    const ended = await bots.allEnded(JOBS);
    expect(bots.failures).toEqual([]);
    expect([...ended.values()]).toEqual(Array.from({ length: JOBS }, () => "delivered"));
    await bots.expectEachEndedOnce(ended);
    expect(await bots.stop("SIGTERM")).toBe(0);
  }, 60_000);
});
