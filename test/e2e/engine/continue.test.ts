import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatEvent } from "../../../src/core/chat-event.ts";
import { probe } from "../../../src/media/ffmpeg.ts";
import { conversation } from "../../support/conversation.ts";
import { useTestDatabase } from "../../support/database.ts";
import { startTestEngine, type TestEngine } from "../../support/engine.ts";
import { handler } from "../../support/handler.ts";
import { count } from "../../support/money.ts";
import { instantPreview } from "../../support/preview.ts";

// Continue on the real engine and test database, with the preview provider (which extends its own
// videos): the chain's segments are jobs, charged one by one, and the joined file is probed.

const database = useTestDatabase();
const { previewDir, preview } = instantPreview("continue-preview");
let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine(database(), [preview], { previewDir });
}, 60_000);
afterAll(async () => {
  await engine?.stop();
});

const as = (userId: string, text: string): ChatEvent => ({
  conversation: { ...conversation, userId, userName: userId },
  roles: [],
  input: { kind: "text", text },
});
const handle = (userId: string, text: string) => handler(engine.deps, engine.chat)(as(userId, text));
const lastNotice = (userId: string) =>
  engine.chat.records.findLast((r) => r.kind === "notify" && r.conversation.userId === userId);
const chainsOf = (userId: string) =>
  count(database().db, sql`SELECT count(*)::int AS n FROM chains WHERE user_id = ${userId}`);
const charged = (userId: string) =>
  count(
    database().db,
    sql`SELECT coalesce(sum(l.credits), 0)::int AS n FROM ledger l JOIN jobs j ON j.id = l.job_id WHERE j.user_id = ${userId} AND l.kind = 'charge'`,
  );

async function delivered(userId: string, text: string): Promise<string> {
  await handle(userId, text);
  const jobId = engine.lastJob();
  expect((await engine.finished(jobId)).state).toBe("delivered");
  return jobId;
}

describe("Continue", () => {
  it("GIVEN /continue <job> 2 THEN two native extends, each charged, joined with sound into one 3 s file", async () => {
    const first = await delivered("cole", "/video a river at dawn --model v6 --dur 1 --q 360p");
    await handle("cole", `/continue ${first.slice(0, 8)} 2`);
    // The plan, then each segment's "Queued" (told privately: the engine posts segments' videos only).
    const titles = engine.chat.records
      .filter((r) => r.kind === "notify" && r.conversation.userId === "cole")
      .map((r) => r.view.title);
    expect(titles).toContain("Continuing your video");
    const chain = await engine.chainEnded(await engine.lastChain());
    expect(chain).toMatchObject({ state: "done", targetSeconds: 3, baseJobIds: [first] });
    const segments = await database().db.execute(
      sql`SELECT id, chain_index, state, request->>'mode' AS mode FROM jobs WHERE chain_id = ${chain.id} ORDER BY chain_index`,
    );
    const rows = (Array.isArray(segments) ? segments : (segments as { rows: unknown[] }).rows) as {
      chain_index: number;
      state: string;
      mode: string;
    }[];
    expect(rows.map((r) => [r.chain_index, r.state, r.mode])).toEqual([
      [1, "delivered", "extend"],
      [2, "delivered", "extend"],
    ]);
    // 3 videos of 1 s at 360p on v6: each charged on its own (the first one too).
    const firstJob = await engine.store.get(first);
    expect(await charged("cole")).toBe(3 * (firstJob?.cost.credits ?? Number.NaN));
    const joined = engine.chat.records.findLast(
      (r) => r.kind === "upload" && r.view.title === "Your continued video is ready",
    );
    if (joined?.kind !== "upload" || joined.path === undefined) throw new Error("no joined video posted");
    const info = await probe(joined.path);
    expect(info.durationSeconds).toBeGreaterThan(2.8);
    expect(info.durationSeconds).toBeLessThan(3.3);
    expect(info.hasAudio).toBe(true);
    // Its Continue button grows the chain from its last segment.
    expect(joined.view.subject).toBe(
      rows.length === 2 ? (await engine.store.get(joined.view.subject ?? ""))?.id : "",
    );
    expect((await engine.store.get(joined.view.subject ?? ""))?.chain).toEqual({ id: chain.id, index: 2 });
    expect(joined.view.blocks.some((b) => b.kind === "buttons" && b.buttons[0]?.action === "continue")).toBe(
      true,
    );
  }, 90_000);

  it("GIVEN a joined length past the workspace's limit THEN refused privately, no chain, nothing charged", async () => {
    await handle("u1", "/framecast admin continue max:3");
    const first = await delivered("dora", "/video a kite --model v6 --dur 1 --q 360p");
    const before = await charged("dora");
    await handle("dora", `/continue ${first.slice(0, 8)} 5`);
    expect(lastNotice("dora")?.view).toMatchObject({
      private: true,
      title: "That's longer than this workspace allows",
    });
    expect(JSON.stringify(lastNotice("dora")?.view)).toContain("up to 3 s");
    expect(await chainsOf("dora")).toBe(0);
    expect(await charged("dora")).toBe(before);
    await handle("u1", "/framecast admin continue max:none");
  }, 60_000);

  it("GIVEN a quota that can't cover every segment THEN refused up front, no chain, nothing reserved", async () => {
    await handle("u1", "/framecast admin quota set user:<@eli> videos:2 period:day");
    const first = await delivered("eli", "/video a drum --model v6 --dur 1 --q 360p");
    await handle("eli", `/continue ${first.slice(0, 8)} 3`);
    expect(lastNotice("eli")?.view).toMatchObject({ private: true, title: "Over your quota" });
    expect(await chainsOf("eli")).toBe(0);
    expect(await count(database().db, sql`SELECT count(*)::int AS n FROM jobs WHERE user_id = 'eli'`)).toBe(
      1,
    );
  }, 60_000);

  it("GIVEN the admin limit typed badly THEN a clear refusal naming the range", async () => {
    await handle("u1", "/framecast admin continue max:9000");
    expect(JSON.stringify(lastNotice("u1")?.view)).toContain("2–600");
  });
});
