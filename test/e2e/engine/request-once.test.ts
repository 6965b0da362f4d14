import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLICK_WINDOW_MS, clickOf } from "../../../src/app/jobs/click.ts";
import type { ChatEvent } from "../../../src/core/chat-event.ts";
import { jobIdFor } from "../../../src/core/request-id.ts";
import { conversation } from "../../support/conversation.ts";
import { useTestDatabase } from "../../support/database.ts";
import { startTestEngine, type TestEngine } from "../../support/engine.ts";
import { handler } from "../../support/handler.ts";
import { count, expectLedgerMatchesCounters } from "../../support/money.ts";
import { instantPreview } from "../../support/preview.ts";

// A platform may deliver one request twice (Slack retries an event it thinks was acked late; two
// instances on one shard both receive an interaction): one job, one reservation, one charge.

const database = useTestDatabase();
const { previewDir, preview } = instantPreview("request-once");
let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine(database(), [preview], { previewDir });
}, 60_000);
afterAll(async () => {
  await engine?.stop();
});

const delivery = (requestId: string): ChatEvent => ({
  conversation: { ...conversation, userId: "once" },
  roles: [],
  requestId,
  input: { kind: "text", text: "/video a fox --model v6 --dur 1 --q 360p" },
});
const rows = async (jobId: string) => [
  await count(database().db, sql`SELECT count(*)::int AS n FROM jobs WHERE id = ${jobId}`),
  await count(
    database().db,
    sql`SELECT count(*)::int AS n FROM ledger WHERE job_id = ${jobId} AND kind = 'reserve'`,
  ),
];

describe("one request delivered twice", () => {
  it("GIVEN the same request id twice at once THEN one job, one reservation; the second delivery says nothing", async () => {
    const handle = handler(engine.deps, engine.chat);
    const before = engine.chat.records.length;
    await Promise.all([handle(delivery("ev-1")), handle(delivery("ev-1"))]);
    const jobId = jobIdFor("console", "ev-1");
    expect(await rows(jobId)).toEqual([1, 1]);
    expect(engine.chat.records.slice(before).filter((r) => r.kind === "post")).toHaveLength(1);
    expect(engine.chat.records.slice(before).filter((r) => r.kind === "notify")).toEqual([]);
    expect((await engine.finished(jobId)).state).toBe("delivered");
    await handle(delivery("ev-1")); // again, after delivery
    expect(await rows(jobId)).toEqual([1, 1]);
    await expectLedgerMatchesCounters(database().db);
  });

  it("GIVEN New seed clicked twice at once, either side of a window boundary THEN one job, one reservation; the other click is told it already started", async () => {
    const handle = handler(engine.deps, engine.chat);
    const source = jobIdFor("console", "ev-1");
    const boundary = Math.ceil(Date.now() / CLICK_WINDOW_MS) * CLICK_WINDOW_MS;
    const click = (at: number): ChatEvent => ({
      conversation: { ...conversation, userId: "once" },
      roles: [],
      input: { kind: "button", action: "new_seed", subject: source, clickedAt: new Date(at) },
    });
    const before = {
      jobs: await count(database().db, sql`SELECT count(*)::int AS n FROM jobs`),
      records: engine.chat.records.length,
    };
    // The later window's click first, so the earlier one must find it through the lock.
    await Promise.all([handle(click(boundary + 1)), handle(click(boundary - 1))]);
    expect(await count(database().db, sql`SELECT count(*)::int AS n FROM jobs`)).toBe(before.jobs + 1);
    const said = engine.chat.records.slice(before.records);
    expect(said.filter((r) => r.kind === "notify").map((r) => r.view.title)).toEqual(["Already started"]);
    // Two windows apart, it is a new click.
    const ids = [0, 2 * CLICK_WINDOW_MS].map(
      (d) => clickOf(click(boundary + d), "new_seed", source, new Date()).jobId,
    );
    expect(new Set(ids).size).toBe(2);
    await engine.finished(engine.lastJob());
    await expectLedgerMatchesCounters(database().db);
  });

  it("GIVEN different request ids THEN different jobs; ids are stable UUIDs", () => {
    expect(jobIdFor("slack", "Ev1")).toBe(jobIdFor("slack", "Ev1"));
    expect(jobIdFor("slack", "Ev1")).not.toBe(jobIdFor("discord", "Ev1"));
    expect(jobIdFor("discord", "1290000000000000007")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u,
    );
  });
});
