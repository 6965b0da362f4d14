import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommandHandler } from "../../../src/app/handle-command.ts";
import type { ChatEvent } from "../../../src/core/chat-event.ts";
import { jobIdFor } from "../../../src/core/request-id.ts";
import { conversation } from "../../support/conversation.ts";
import { useTestDatabase } from "../../support/database.ts";
import { startTestEngine, type TestEngine } from "../../support/engine.ts";
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
    const handle = createCommandHandler(engine.deps);
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

  it("GIVEN different request ids THEN different jobs; ids are stable UUIDs", () => {
    expect(jobIdFor("slack", "Ev1")).toBe(jobIdFor("slack", "Ev1"));
    expect(jobIdFor("slack", "Ev1")).not.toBe(jobIdFor("discord", "Ev1"));
    expect(jobIdFor("discord", "1290000000000000007")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u,
    );
  });
});
