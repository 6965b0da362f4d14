import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { MemoryMoneyStore } from "../../src/app/money/memory-money-store.ts";
import { MemoryPolicyStore } from "../../src/app/money/memory-policy-store.ts";
import type { MoneyStore, PolicyStore } from "../../src/app/money/ports.ts";
import { type QuotaDeps, reserveQuota } from "../../src/app/money/quota.ts";
import type { Requester, Usage } from "../../src/core/quota/policy.ts";
import { SqlMoneyStore } from "../../src/db/money-store.ts";
import { SqlPolicyStore } from "../../src/db/policy-store.ts";
import { rowsOf } from "../../src/db/sql.ts";
import { useTestDatabase } from "../support/database.ts";

// The money rules against the SQL store (PL/pgSQL functions) and its memory twin: same cases, same
// answers, so fast tests on the twin prove what the database does.

const database = useTestDatabase(20);
const implementations: [string, () => { money: MoneyStore; policies: PolicyStore }][] = [
  ["SQL", () => ({ money: new SqlMoneyStore(database().db), policies: new SqlPolicyStore(database().db) })],
  ["memory", () => ({ money: new MemoryMoneyStore(), policies: new MemoryPolicyStore() })],
];

let clock = new Date("2026-11-22T18:48:00Z");
const STARTS = {
  day: new Date("2026-11-22T00:00:00Z"),
  week: new Date("2026-11-16T00:00:00Z"),
  month: new Date("2026-11-01T00:00:00Z"),
};
const video = (seconds = 8, credits = 56): Usage => ({ videos: 1, seconds, credits });
const fresh = (): { w: string; who: Requester; job: (n: number | string) => string } => {
  const w = `W${randomBytes(4).toString("hex")}`;
  return {
    w,
    who: { platform: "discord", workspaceId: w, channelId: "c1", userId: "u1", roles: [] },
    job: (n) => `${w}-job-${n}`,
  };
};
const deps = (s: { money: MoneyStore; policies: PolicyStore }, videos = 3): QuotaDeps => ({
  ...s,
  defaults: { day: { videos, seconds: null, credits: null } },
  now: () => clock,
});

/** The ledger's entries for a job, in order: the table, or the twin's list. */
async function kinds(money: MoneyStore, jobId: string): Promise<string[]> {
  if (money instanceof MemoryMoneyStore)
    return money.ledger.filter((e) => e.jobId === jobId).map((e) => e.kind);
  const rows = await database().db.execute(sql`SELECT kind FROM ledger WHERE job_id = ${jobId} ORDER BY id`);
  return rowsOf<{ kind: string }>(rows).map((r) => r.kind);
}

describe.each(implementations)("MoneyStore contract: %s", (_name, make) => {
  it("GIVEN room for two videos THEN two reserve, the third is refused naming the limit, nothing moved by it", async () => {
    const s = make();
    const { w, who, job } = fresh();
    expect(await reserveQuota(deps(s, 2), who, job(1), video())).toEqual({ ok: true, replay: false });
    expect(await reserveQuota(deps(s, 2), who, job(2), video())).toEqual({ ok: true, replay: false });
    const third = await reserveQuota(deps(s, 2), who, job(3), video());
    expect(third.ok).toBe(false);
    if (!third.ok) expect(third.breach).toMatchObject({ scope: "user", period: "day", dimension: "videos" });
    const [user, workspace] = await s.money.readCounters(
      [`user:discord:${w}:u1`, `workspace:discord:${w}`],
      STARTS,
    );
    expect(user?.day).toEqual({ videos: 2, seconds: 16, credits: 112 });
    expect(workspace?.day).toEqual({ videos: 2, seconds: 16, credits: 112 });
  });

  it("GIVEN the same job reserved twice THEN the replay moves nothing", async () => {
    const s = make();
    const { w, who, job } = fresh();
    await reserveQuota(deps(s), who, job(1), video());
    expect(await reserveQuota(deps(s), who, job(1), video())).toEqual({ ok: true, replay: true });
    const [user] = await s.money.readCounters([`user:discord:${w}:u1`], STARTS);
    expect(user?.day.videos).toBe(1);
  });

  it("GIVEN charge and refund THEN each settles once; a refund gives the usage back", async () => {
    const s = make();
    const { w, who, job } = fresh();
    await reserveQuota(deps(s), who, job(1), video());
    await reserveQuota(deps(s), who, job(2), video(5, 35));
    expect(await s.money.charge(job(1))).toEqual({ status: "settled" });
    expect(await s.money.charge(job(1))).toEqual({ status: "unchanged", state: "charged" });
    expect(await s.money.refund(job(1), "late")).toEqual({ status: "unchanged", state: "charged" });
    expect(await s.money.refund(job(2), "failed")).toEqual({ status: "settled" });
    expect(await s.money.charge(job(2))).toEqual({ status: "unchanged", state: "refunded" });
    expect(await s.money.charge("nobody")).toEqual({ status: "unknown_job" });
    const [user] = await s.money.readCounters([`user:discord:${w}:u1`], STARTS);
    expect(user?.day).toEqual({ videos: 1, seconds: 8, credits: 56 });
  });

  it("GIVEN a refund after the day ended THEN today's new window keeps what it holds", async () => {
    const s = make();
    const { w, who, job } = fresh();
    clock = new Date("2026-11-22T23:59:00Z");
    await reserveQuota(deps(s), who, job(1), video());
    clock = new Date("2026-11-23T00:01:00Z");
    await reserveQuota(deps(s), who, job(2), video());
    await s.money.refund(job(1), "failed");
    const [user] = await s.money.readCounters([`user:discord:${w}:u1`], {
      ...STARTS,
      day: new Date("2026-11-23T00:00:00Z"),
    });
    clock = new Date("2026-11-22T18:48:00Z");
    expect(user?.day.videos).toBe(1);
    expect(user?.week.videos).toBe(1);
  });

  it("GIVEN 40 concurrent reservations with room for 5 THEN exactly 5 are granted", async () => {
    const s = make();
    const { who, job } = fresh();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => reserveQuota(deps(s, 5), who, job(i), video())),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
  });

  it("GIVEN reservations THEN listCounters finds them by prefix, and unsettled lists the open ones oldest first", async () => {
    const s = make();
    const { w, who, job } = fresh();
    await reserveQuota(deps(s), who, job("a"), video());
    await reserveQuota(deps(s), { ...who, userId: "u2" }, job("b"), video());
    await s.money.charge(job("a"));
    const listed = await s.money.listCounters(`user:discord:${w}:`, STARTS);
    expect(listed.map((c) => c.key)).toEqual([`user:discord:${w}:u1`, `user:discord:${w}:u2`]);
    await reserveQuota(deps(s), { ...who, userId: "u3" }, job("c"), video());
    const open = (await s.money.unsettled(10_000)).filter((u) => u.jobId.startsWith(w));
    expect(open.map((u) => [u.jobId, u.jobState])).toEqual([
      [job("b"), null],
      [job("c"), null],
    ]);
    // Paged: the page after the first open one holds the second.
    const after = open[0]?.position;
    const next = (await s.money.unsettled(10_000, after)).filter((u) => u.jobId.startsWith(w));
    expect(next.map((u) => u.jobId)).toEqual([job("c")]);
  });

  it("GIVEN a video no one is charged for THEN absorb records the operator's cost once, never for a charged one", async () => {
    const s = make();
    const { who, job } = fresh();
    await reserveQuota(deps(s), who, job(1), video());
    await reserveQuota(deps(s), who, job(2), video());
    await s.money.refund(job(1), "canceled");
    await s.money.absorb(job(1), "made after the cancel");
    await s.money.absorb(job(1), "made after the cancel");
    await s.money.charge(job(2));
    await s.money.absorb(job(2), "charged: not the operator's");
    expect(await s.money.charge(job(1))).toEqual({ status: "unchanged", state: "refunded" });
    expect(await kinds(s.money, job(1))).toEqual(["reserve", "refund", "operator"]);
    expect(await kinds(s.money, job(2))).toEqual(["reserve", "charge"]);
  });
});
