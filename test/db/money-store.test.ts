import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type QuotaDeps, reserveQuota } from "../../src/app/money/quota.ts";
import type { QuotaPolicy, Requester, Usage } from "../../src/core/quota/policy.ts";
import { SqlMoneyStore } from "../../src/db/money-store.ts";
import { SqlPolicyStore } from "../../src/db/policy-store.ts";
import { useTestDatabase } from "../support/database.ts";
import { count, expectLedgerMatchesCounters } from "../support/money.ts";

const database = useTestDatabase(20);
let deps: QuotaDeps;
let money: SqlMoneyStore;
let policies: SqlPolicyStore;
const NOW = new Date("2026-11-22T18:48:00Z");
const STARTS = {
  day: new Date("2026-11-22T00:00:00Z"),
  week: new Date("2026-11-16T00:00:00Z"),
  month: new Date("2026-11-01T00:00:00Z"),
};

const requester = (workspaceId: string, userId: string, roles: string[] = []): Requester => ({
  platform: "discord",
  workspaceId,
  channelId: "c1",
  userId,
  roles,
});
const video = (seconds = 8, credits = 56): Usage => ({ videos: 1, seconds, credits });
const policy = (p: Partial<QuotaPolicy> & Pick<QuotaPolicy, "scope" | "workspaceId">): QuotaPolicy => ({
  subjectId: "",
  period: "day",
  limits: { videos: null, seconds: null, credits: null },
  ...p,
});

beforeAll(() => {
  money = new SqlMoneyStore(database().db);
  policies = new SqlPolicyStore(database().db);
  deps = { money, policies, defaults: {}, now: () => NOW };
});

describe("reservations under contention", () => {
  it("GIVEN 1,000 concurrent reservations from one user with room for exactly 10 THEN exactly 10 are granted", async () => {
    await policies.setPolicy(
      "discord",
      policy({
        scope: "user",
        workspaceId: "w1",
        subjectId: "u1",
        limits: { videos: 10, seconds: null, credits: null },
      }),
      "admin",
    );
    const who = requester("w1", "u1");
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => reserveQuota(deps, who, `one-user-${i}`, video())),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok)).toHaveLength(990);
    expect(
      await count(database().db, sql`SELECT count(*)::int AS n FROM reservations WHERE user_id = 'u1'`),
    ).toBe(10);
    const [day] = await money.readCounters(["user:discord:w1:u1"], STARTS);
    expect(day?.day).toEqual({ videos: 10, seconds: 80, credits: 560 });
    await expectLedgerMatchesCounters(database().db);
  }, 120_000);

  it("GIVEN a workspace limit of 10 and 1,000 concurrent reservations across 100 users THEN exactly 10 are granted", async () => {
    await policies.setPolicy(
      "discord",
      policy({ scope: "workspace", workspaceId: "w2", limits: { videos: 10, seconds: null, credits: null } }),
      "admin",
    );
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        reserveQuota(deps, requester("w2", `user-${i % 100}`), `ws-${i}`, video()),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const refused = results.find((r) => !r.ok);
    expect(refused?.ok === false && refused.message).toBe(
      "This workspace has 0 videos left today; this request needs 1 video. Resets in 5 h 12 m.",
    );
    await expectLedgerMatchesCounters(database().db);
  }, 120_000);
});

describe("replays change nothing", () => {
  it("GIVEN the same reservation 50 times at once THEN it is reserved once", async () => {
    const who = requester("w3", "u3");
    const results = await Promise.all(
      Array.from({ length: 50 }, () => reserveQuota(deps, who, "replayed-job", video(5, 35))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.replay)).toHaveLength(1);
    expect(
      await count(database().db, sql`SELECT count(*)::int AS n FROM ledger WHERE job_id = 'replayed-job'`),
    ).toBe(1);
    await expectLedgerMatchesCounters(database().db);
  });

  it("GIVEN charge replayed 20 times THEN one charge entry; a later refund changes nothing", async () => {
    await reserveQuota(deps, requester("w3", "u3"), "charged-job", video());
    const charges = await Promise.all(Array.from({ length: 20 }, () => money.charge("charged-job")));
    expect(charges.filter((c) => c.status === "settled")).toHaveLength(1);
    expect(charges.filter((c) => c.status === "unchanged")).toHaveLength(19);
    expect(await money.refund("charged-job", "too late")).toEqual({ status: "unchanged", state: "charged" });
    expect(
      await count(
        database().db,
        sql`SELECT count(*)::int AS n FROM ledger WHERE job_id = 'charged-job' AND kind <> 'reserve'`,
      ),
    ).toBe(1);
    await expectLedgerMatchesCounters(database().db);
  });

  it("GIVEN refund replayed 20 times THEN the counters come back exactly once", async () => {
    await reserveQuota(deps, requester("w4", "u4"), "keep", video(5, 35));
    await reserveQuota(deps, requester("w4", "u4"), "refunded-job", video(8, 56));
    const refunds = await Promise.all(
      Array.from({ length: 20 }, () => money.refund("refunded-job", "provider failed")),
    );
    expect(refunds.filter((r) => r.status === "settled")).toHaveLength(1);
    const [windows] = await money.readCounters(["user:discord:w4:u4"], STARTS);
    expect(windows?.day).toEqual({ videos: 1, seconds: 5, credits: 35 });
    expect(windows?.month).toEqual({ videos: 1, seconds: 5, credits: 35 });
    expect(await money.charge("refunded-job")).toEqual({ status: "unchanged", state: "refunded" });
    expect(await money.charge("no-such-job")).toEqual({ status: "unknown_job" });
    await expectLedgerMatchesCounters(database().db);
  });

  it("GIVEN reservations and refunds racing on shared counters THEN no deadlock and the ledger still matches", async () => {
    const jobs = Array.from({ length: 60 }, (_, i) => `race-${i}`);
    await Promise.all(
      jobs.slice(0, 30).map((j, i) => reserveQuota(deps, requester("w5", `u${i % 3}`), j, video())),
    );
    await Promise.all([
      ...jobs.slice(0, 30).map((j) => money.refund(j, "cancelled")),
      ...jobs.slice(30).map((j, i) => reserveQuota(deps, requester("w5", `u${i % 3}`), j, video())),
    ]);
    const [ws] = await money.readCounters(["workspace:discord:w5"], STARTS);
    expect(ws?.month.videos).toBe(30);
    await expectLedgerMatchesCounters(database().db);
  });
});

describe("the ledger", () => {
  it("GIVEN an attempt to rewrite history THEN the database refuses it", async () => {
    await expect(database().db.execute(sql`UPDATE ledger SET credits = 0`)).rejects.toThrow();
    await expect(database().db.execute(sql`DELETE FROM ledger`)).rejects.toThrow();
  });
});
