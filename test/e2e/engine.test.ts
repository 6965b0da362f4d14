import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommandHandler } from "../../src/app/handle-command.ts";
import { rowsOf } from "../../src/db/sql.ts";
import { PixverseProvider } from "../../src/providers/pixverse/client.ts";
import { PreviewProvider } from "../../src/providers/preview/client.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { textEvent } from "../support/conversation.ts";
import { useTestDatabase } from "../support/database.ts";
import { startTestEngine, type TestEngine } from "../support/engine.ts";
import { expectLedgerMatchesCounters } from "../support/money.ts";
import { testHttpPolicy } from "../support/video-request.ts";

const database = useTestDatabase();
const previewDir = mkdtempSync(join(tmpdir(), "framecast-e2e-preview-"));
const preview = new PreviewProvider({
  outputDir: previewDir,
  previewSeconds: 0,
  fetchImage: () => Promise.reject(new Error("no images here")),
});
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

const say = (e: TestEngine, text: string) => createCommandHandler(e.deps)(textEvent(text));
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
    expect(job.state).toBe("delivered");
    const upload = engine.chat.records.find((r) => r.kind === "upload");
    expect(upload).toMatchObject({ kind: "upload", view: { title: "Your video is ready" } });
    expect(upload?.kind === "upload" ? upload.path : "").toMatch(/\.mp4$/u);
    expect(await ledger(jobId)).toEqual(["reserve", "charge"]);
    await expectLedgerMatchesCounters(database().db);
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
