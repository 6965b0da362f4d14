import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ConcurrencyCaps } from "../../src/app/jobs/ports.ts";
import { SqlJobStore } from "../../src/db/job-store.ts";
import { jobs } from "../../src/db/schema/jobs.ts";
import { SqlSettingsStore } from "../../src/db/settings-store.ts";
import { rowsOf } from "../../src/db/sql.ts";
import { useTestDatabase } from "../support/database.ts";
import { videoRequest } from "../support/video-request.ts";

// The concurrency caps hold under races: every worker of every instance claims a slot for a
// queued job in one atomic step, so a cap of N never lets N + 1 jobs run.

const database = useTestDatabase();
const NO_CAPS: ConcurrencyCaps = { perUser: null, perWorkspace: null, global: null };

async function queued(
  count: number,
  where: { workspace: string; user?: (i: number) => string },
): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  const request = videoRequest();
  await database()
    .db.insert(jobs)
    .values(
      ids.map((id, i) => ({
        id,
        platform: "discord",
        workspaceId: where.workspace,
        channelId: "c1",
        userId: where.user?.(i) ?? "u1",
        userName: "someone",
        request,
        mode: request.mode,
        model: request.model,
        state: "queued",
        costCredits: 56,
        costUsdCents: 56,
        chatChannelId: "c1",
      })),
    );
  return ids;
}

const claimAll = (store: SqlJobStore, ids: string[], caps: ConcurrencyCaps) =>
  Promise.all(ids.map((id) => store.claimSlot(id, caps, new Date())));

const count = (results: string[], what: string): number => results.filter((r) => r === what).length;

describe("claiming a slot under the concurrency caps", () => {
  it("GIVEN 30 jobs of one workspace claimed at once with a workspace cap of 4 THEN exactly 4 start", async () => {
    const store = new SqlJobStore(database().db);
    const ids = await queued(30, { workspace: "w-race", user: (i) => `u${i}` });
    const results = await claimAll(store, ids, { ...NO_CAPS, perWorkspace: 4 });
    expect(count(results, "claimed")).toBe(4);
    expect(count(results, "busy")).toBe(26);
    expect(await active("w-race")).toBe(4);
  });

  it("GIVEN a per-user cap of 2 THEN each person gets 2 at once, others are not held up by them", async () => {
    const store = new SqlJobStore(database().db);
    const ids = await queued(12, { workspace: "w-users", user: (i) => (i < 8 ? "busy-user" : `other${i}`) });
    const results = await claimAll(store, ids, { ...NO_CAPS, perUser: 2 });
    expect(count(results.slice(0, 8), "claimed")).toBe(2);
    expect(count(results.slice(8), "claimed")).toBe(4);
  });

  it("GIVEN a global cap of 3 THEN jobs of different workspaces share it", async () => {
    const store = new SqlJobStore(database().db);
    const a = await queued(5, { workspace: "w-global-a" });
    const b = await queued(5, { workspace: "w-global-b" });
    const results = await claimAll(store, [...a, ...b], { ...NO_CAPS, global: 3 + (await active()) });
    expect(count(results, "claimed")).toBe(3);
  });

  it("GIVEN a workspace whose admins set a cap of 1 THEN it overrides the bot's default of 5", async () => {
    const db = database().db;
    await new SqlSettingsStore(db).update("discord", "w-admin", () => ({ maxConcurrentPerWorkspace: 1 }));
    const store = new SqlJobStore(db);
    const ids = await queued(6, { workspace: "w-admin", user: (i) => `u${i}` });
    const results = await claimAll(store, ids, { ...NO_CAPS, perWorkspace: 5 });
    expect(count(results, "claimed")).toBe(1);
  });

  it("GIVEN a job already claimed (or ended) THEN claiming it again does nothing", async () => {
    const store = new SqlJobStore(database().db);
    const [id] = await queued(1, { workspace: "w-twice" });
    if (id === undefined) throw new Error("no job");
    expect(await store.claimSlot(id, NO_CAPS, new Date())).toBe("claimed");
    expect(await store.claimSlot(id, NO_CAPS, new Date())).toBe("not_queued");
    expect((await store.get(id))?.state).toBe("submitting");
    expect(await store.claimSlot(randomUUID(), NO_CAPS, new Date())).toBe("not_queued");
  });
});

/** Jobs being worked on in this test database (other tests of this file leave some). */
async function active(workspace?: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await database().db.execute(
      sql`SELECT count(*)::int AS n FROM jobs WHERE state IN ('submitting', 'running', 'delivering')
          AND (${workspace ?? null}::text IS NULL OR workspace_id = ${workspace ?? null})`,
    ),
  );
  return Number(row?.n ?? 0);
}
