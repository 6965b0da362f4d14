import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../src/db/sql.ts";
import { PixverseProvider } from "../../src/providers/pixverse/client.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { textEvent } from "../support/conversation.ts";
import { useTestDatabase } from "../support/database.ts";
import { startTestEngine, type TestEngine } from "../support/engine.ts";
import { handler } from "../support/handler.ts";
import { expectLedgerMatchesCounters } from "../support/money.ts";
import { instantPreview } from "../support/preview.ts";
import { testHttpPolicy } from "../support/video-request.ts";

const database = useTestDatabase();
const { previewDir, preview } = instantPreview("e2e-preview");
const fake = new FakePixverse();
let engine: TestEngine;
let failing: TestEngine;

beforeAll(async () => {
  await fake.start();
  engine = await startTestEngine(database(), [preview], { previewDir });
}, 60_000);
afterAll(async () => {
  await engine?.stop();
  await failing?.stop();
  await fake.stop();
});

const say = (e: TestEngine, text: string) => handler(e.deps, e.chat)(textEvent(text));
const ledger = async (jobId: string) =>
  rowsOf<{ kind: string }>(
    await database().db.execute(sql`SELECT kind FROM ledger WHERE job_id = ${jobId} ORDER BY id`),
  ).map((r) => r.kind);

describe("the job engine, end to end through the chat", () => {
  it("GIVEN /video with the preview provider THEN queued, then the video is posted and charged", async () => {
    await say(engine, "/video a fox in snow --model v6 --dur 1 --q 360p");
    const jobId = engine.lastJob();
    expect(engine.chat.records[0]).toMatchObject({
      kind: "post",
      view: { title: expect.stringMatching(/^Queued/u) },
    });
    const job = await engine.finished(jobId);
    expect(job.error).toBeUndefined();
    expect(job.state).toBe("delivered");
    const upload = engine.chat.records.find((r) => r.kind === "upload");
    expect(upload).toMatchObject({ kind: "upload", view: { title: "Your video is ready" } });
    expect(upload?.kind === "upload" ? upload.path : "").toMatch(/\.mp4$/u);
    expect(await ledger(jobId)).toEqual(["reserve", "charge"]);
    await expectLedgerMatchesCounters(database().db);
  }, 60_000);

  it("GIVEN a video over the platform's upload limit that can't be re-encoded watchably THEN a link with a poster frame; still delivered and charged", async () => {
    engine.chat.limitBytes = 2_000;
    try {
      await say(engine, "/video a very large fox --model v6 --dur 1 --q 360p");
      const job = await engine.finished(engine.lastJob());
      expect(job.state).toBe("delivered");
      const upload = engine.chat.records.filter((r) => r.kind === "upload").at(-1);
      if (upload?.kind !== "upload") throw new Error("nothing posted");
      expect(upload.delivery).toMatchObject({
        kind: "link",
        url: expect.stringMatching(/^file:/u),
        reason: expect.stringContaining("upload limit"),
      });
      expect(upload.path).toMatch(/\.poster\.jpg$/u);
      expect(await ledger(job.id)).toEqual(["reserve", "charge"]);
    } finally {
      engine.chat.limitBytes = 10 * 1024 * 1024;
    }
  }, 60_000);

  it("GIVEN a quota that is used up THEN refused privately and nothing is written", async () => {
    const before = rowsOf<{ n: number }>(
      await database().db.execute(sql`SELECT count(*)::int AS n FROM jobs`),
    )[0]?.n;
    await say(engine, "/framecast admin quota set user:<@u1> videos:1");
    const records = engine.chat.records.length;
    await say(engine, "/video another fox --model v6 --dur 1 --q 360p");
    const reply = engine.chat.records.at(-1);
    expect(engine.chat.records.length).toBe(records + 1);
    expect(reply).toMatchObject({ kind: "notify", view: { title: "Over your quota" } });
    expect(
      rowsOf<{ n: number }>(await database().db.execute(sql`SELECT count(*)::int AS n FROM jobs`))[0]?.n,
    ).toBe(before);
    await say(engine, "/framecast admin quota clear user:<@u1>");
  }, 60_000);

  it("GIVEN the provider fails the video THEN the message says so and the reservation is refunded", async () => {
    const { policy } = testHttpPolicy();
    failing = await startTestEngine(
      database(),
      [new PixverseProvider({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, http: policy })],
      { previewDir },
    );
    fake.nextScript = [8];
    await say(failing, "/video a doomed fox --dur 5");
    const job = await failing.finished(failing.lastJob());
    expect(job.state).toBe("failed");
    expect(await ledger(job.id)).toEqual(["reserve", "refund"]);
    const last = failing.chat.records.filter((r) => r.kind === "edit").at(-1);
    expect(JSON.stringify(last?.view)).toContain("refunded, nothing charged");
  }, 60_000);
});

// Moderation, timeouts and waiting in line are the engine's logic alone: they run in milliseconds
// on the memory twins (test/app/jobs/engine-twins.test.ts). Here: what needs the real parts.
describe("the job engine: a file that is no video, cancelling", () => {
  let engine2: TestEngine;
  beforeAll(async () => {
    const { policy } = testHttpPolicy();
    engine2 = await startTestEngine(
      database(),
      [new PixverseProvider({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, http: policy })],
      {
        previewDir,
        caps: { perUser: 1, perWorkspace: null, global: null },
        mediaHosts: [new URL(fake.baseUrl).host],
      },
    );
  }, 60_000);
  afterAll(async () => {
    await engine2?.stop();
  });

  /** Resolves once the job's row is in `state` (checked on each of its steps). */
  async function reach(jobId: string, state: string): Promise<void> {
    for (let i = 0; i < 200; i++) {
      if ((await engine2.store.get(jobId))?.state === state) return;
      await new Promise<void>((resolve) => engine2.boss.once("wip", () => resolve()));
    }
    throw new Error(`${jobId} never reached ${state}`);
  }

  it("GIVEN the provider's finished file is not a video THEN nothing is posted and it is refunded", async () => {
    fake.nextScript = [5, 1];
    fake.media = Buffer.from("<html>502 Bad Gateway</html>");
    const uploads = (): number => engine2.chat.records.filter((r) => r.kind === "upload").length;
    const before = uploads();
    try {
      await say(engine2, "/video a fox behind a broken CDN --dur 5");
      const job = await engine2.finished(engine2.lastJob());
      expect(job.state).toBe("failed");
      expect(job.error).toContain("not a playable video");
      expect(await ledger(job.id)).toEqual(["reserve", "refund"]);
      expect(uploads()).toBe(before);
    } finally {
      fake.media = readFileSync(new URL("../fixtures/tiny.mp4", import.meta.url));
    }
  }, 60_000);

  it("GIVEN cancel while running THEN stopped and refunded; cancel after it ended THEN refused", async () => {
    fake.nextScript = [5];
    await say(engine2, "/video a fox to cancel --dur 5");
    const id = engine2.lastJob();
    await reach(id, "running");
    await say(engine2, "/cancel");
    expect(engine2.chat.records.at(-1)).toMatchObject({ kind: "notify", view: { title: "Cancelled" } });
    expect((await engine2.finished(id)).state).toBe("canceled");
    // PixVerse has no cancel: it makes the video all the same, at the operator's cost.
    expect(await ledger(id)).toEqual(["reserve", "refund", "operator"]);
    await say(engine2, `/framecast cancel ${id}`);
    expect(engine2.chat.records.at(-1)).toMatchObject({ view: { title: "Can't cancel that" } });
  }, 60_000);

  it("GIVEN cancel while waiting in line THEN dropped at once and refunded; the provider never hears of it", async () => {
    fake.nextScript = [5];
    await say(engine2, "/video a fox that holds the only slot --dur 5");
    const first = engine2.lastJob();
    await reach(first, "running");
    await say(engine2, "/video a fox waiting in line --dur 5");
    const second = engine2.lastJob();
    expect((await engine2.store.get(second))?.state).toBe("queued");
    const submissions = fake.requests.filter((r) => r.path.endsWith("/generate")).length;
    await say(engine2, `/framecast cancel ${second}`);
    expect(engine2.chat.records.at(-1)).toMatchObject({ kind: "notify", view: { title: "Cancelled" } });
    expect((await engine2.store.get(second))?.state).toBe("canceled");
    expect(await ledger(second)).toEqual(["reserve", "refund"]);
    await say(engine2, `/framecast cancel ${first}`);
    expect((await engine2.finished(first)).state).toBe("canceled");
    expect((await engine2.finished(second)).state).toBe("canceled");
    expect(fake.requests.filter((r) => r.path.endsWith("/generate")).length).toBe(submissions);
  }, 60_000);
});

describe("resuming a delivery after a crash", () => {
  it("GIVEN the video was posted but 'delivered' was never recorded THEN the resumed step only records it and charges, posting nothing twice", async () => {
    await say(engine, "/video a fox posted before the crash --model v6 --dur 1 --q 360p");
    const id = engine.lastJob();
    await engine.finished(id);
    // Rewind the row to the moment after the post: delivering, with the video message recorded.
    await database().db.execute(
      sql`UPDATE jobs SET state = 'delivering', video_message_id = 'm-posted' WHERE id = ${id}`,
    );
    const uploads = engine.chat.records.filter((r) => r.kind === "upload").length;
    await engine.step(id);
    expect((await engine.store.get(id))?.state).toBe("delivered");
    expect(engine.chat.records.filter((r) => r.kind === "upload").length).toBe(uploads);
    expect(await ledger(id)).toEqual(["reserve", "charge"]);
  }, 60_000);
});
