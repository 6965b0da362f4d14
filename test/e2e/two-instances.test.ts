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
import { onPostgres, useTestDatabase } from "../support/database.ts";
import { startTestEngine, type TestEngine } from "../support/engine.ts";
import { expectLedgerMatchesCounters } from "../support/money.ts";
import { testHttpPolicy } from "../support/video-request.ts";

// Two bot instances on one PostgreSQL server share the work. (PGlite is one process by design.)
describe.runIf(onPostgres())("two instances on one PostgreSQL", () => {
  const database = useTestDatabase();
  const fake = new FakePixverse();
  const previewDir = mkdtempSync(join(tmpdir(), "framecast-two-"));
  let a: TestEngine;
  let b: TestEngine;

  beforeAll(async () => {
    await fake.start();
    const provider = () =>
      new PixverseProvider({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, http: testHttpPolicy().policy });
    const options = {
      previewDir,
      mediaHosts: [new URL(fake.baseUrl).host],
      caps: { perUser: null, perWorkspace: null, global: null },
      bossSchema: `boss_shared_${process.pid}`,
    };
    a = await startTestEngine(database(), [provider()], options);
    b = await startTestEngine(database(), [provider()], options);
  }, 60_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await fake.stop();
  });

  it("GIVEN 12 jobs accepted by one instance THEN both work on them, and each is submitted and delivered exactly once", async () => {
    fake.nextScript = [5, 1];
    const handle = createCommandHandler({ ...a.deps, quota: { ...a.deps.quota, defaults: {} } });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const event = textEvent(`/video fox number ${i} --dur 5`);
      await handle(event, a.chat.replyTo(event.conversation));
      ids.push(a.lastJob());
    }
    const ended = await Promise.all(ids.map((id) => Promise.race([a.finished(id), b.finished(id)])));
    expect(ended.every((j) => j.state === "delivered")).toBe(true);
    const uploads = [...a.chat.records, ...b.chat.records].filter((r) => r.kind === "upload");
    expect(uploads).toHaveLength(12);
    const submissions = fake.requests.filter((r) => r.path === "/openapi/v2/video/text/generate");
    expect(submissions).toHaveLength(12);
    expect(b.chat.records.length).toBeGreaterThan(0); // the second instance did some of the work
    const kinds = rowsOf<{ kind: string; n: number }>(
      await database().db.execute(
        sql`SELECT kind, count(*)::int AS n FROM ledger GROUP BY kind ORDER BY kind`,
      ),
    );
    expect(kinds).toEqual([
      { kind: "charge", n: 12 },
      { kind: "reserve", n: 12 },
    ]);
    await expectLedgerMatchesCounters(database().db);
  }, 120_000);
});

// The same with the offline preview provider, whose renders live in the process that started
// them: each instance has its own previews folder (two machines), and every step of a job may
// run on either. None may be refunded as "rendered by a process that stopped".
describe.runIf(onPostgres())("two instances on one PostgreSQL, with the preview provider", () => {
  const database = useTestDatabase();
  let a: TestEngine;
  let b: TestEngine;

  beforeAll(async () => {
    const instance = () => {
      const previewDir = mkdtempSync(join(tmpdir(), "framecast-two-preview-"));
      const preview = new PreviewProvider({
        outputDir: previewDir,
        previewSeconds: 3,
        fetchImage: () => Promise.reject(new Error("no images here")),
      });
      return startTestEngine(database(), [preview], {
        previewDir,
        caps: { perUser: null, perWorkspace: null, global: null },
        bossSchema: `boss_preview_${process.pid}`,
      });
    };
    a = await instance();
    b = await instance();
  }, 60_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it("GIVEN six previews accepted by the two instances THEN all six are delivered, none refunded", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const at = i % 2 === 0 ? a : b;
      const event = textEvent(`/video preview fox ${i} --model v6 --dur 1 --q 360p`);
      await createCommandHandler({ ...at.deps, quota: { ...at.deps.quota, defaults: {} } })(
        event,
        at.chat.replyTo(event.conversation),
      );
      ids.push(at.lastJob());
    }
    const ended = await Promise.all(ids.map((id) => Promise.race([a.finished(id), b.finished(id)])));
    expect(ended.map((j) => [j.state, j.error])).toEqual(ids.map(() => ["delivered", undefined]));
    expect(
      await rowsOf<{ n: number }>(
        await database().db.execute(sql`SELECT count(*)::int AS n FROM ledger WHERE kind = 'refund'`),
      )[0]?.n,
    ).toBe(0);
    await expectLedgerMatchesCounters(database().db);
  }, 120_000);
});
