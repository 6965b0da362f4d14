import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type QuotaDeps, reserveQuota } from "../../src/app/money/quota.ts";
import { sweepMoney } from "../../src/app/money/sweep.ts";
import { SqlMoneyStore } from "../../src/db/money-store.ts";
import { SqlPolicyStore } from "../../src/db/policy-store.ts";
import { rowsOf } from "../../src/db/sql.ts";
import { useTestDatabase } from "../support/database.ts";
import { expectLedgerMatchesCounters } from "../support/money.ts";

const database = useTestDatabase();
let deps: QuotaDeps;

beforeAll(() => {
  const { db } = database();
  deps = {
    money: new SqlMoneyStore(db),
    policies: new SqlPolicyStore(db),
    defaults: {},
    now: () => new Date(),
  };
});

async function job(id: string, state: string | null): Promise<void> {
  await reserveQuota(
    deps,
    { platform: "discord", workspaceId: "w", channelId: "c", userId: "u", roles: [] },
    id,
    {
      videos: 1,
      seconds: 5,
      credits: 35,
    },
  );
  if (state === null) return;
  await database().db.execute(sql`
    INSERT INTO jobs (id, platform, workspace_id, channel_id, user_id, request, mode, model, state, cost_credits, cost_usd_cents)
    VALUES (${id}, 'discord', 'w', 'c', 'u', '{}'::jsonb, 'text-to-video', 'v5.6', ${state}, 35, 35)`);
}

describe("the money sweeper", () => {
  it("GIVEN jobs whose last money step was cut short THEN it charges the delivered, refunds the failed, waits for the rest", async () => {
    await job("delivered", "delivered");
    await job("failed", "failed");
    await job("moderated", "moderated");
    await job("running", "running");
    await job("orphan", null);
    // The orphan was reserved moments ago: not yet old enough to refund.
    expect(await sweepMoney(deps.money, new Date(), 60_000)).toEqual({ charged: 1, refunded: 2, waiting: 2 });
    // Ten minutes later it is; running jobs still wait.
    expect(await sweepMoney(deps.money, new Date(Date.now() + 600_000), 60_000)).toEqual({
      charged: 0,
      refunded: 1,
      waiting: 1,
    });
    const rows = rowsOf(
      await database().db.execute(sql`SELECT job_id, state, reason FROM reservations ORDER BY job_id`),
    );
    expect(rows).toEqual([
      { job_id: "delivered", state: "charged", reason: null },
      { job_id: "failed", state: "refunded", reason: "job failed" },
      { job_id: "moderated", state: "refunded", reason: "job moderated" },
      { job_id: "orphan", state: "refunded", reason: "the job was never created" },
      { job_id: "running", state: "reserved", reason: null },
    ]);
    await expectLedgerMatchesCounters(database().db);
  });

  it("GIVEN a second sweep THEN nothing changes", async () => {
    expect(await sweepMoney(deps.money, new Date(Date.now() + 600_000), 60_000)).toEqual({
      charged: 0,
      refunded: 0,
      waiting: 1,
    });
  });

  it("GIVEN more reservations still waiting than one page THEN a newer failed job is refunded too, oldest first", async () => {
    // Pages of 2: three jobs in flight fill the first page and a half; the failed one comes last.
    for (const id of ["flying-1", "flying-2", "flying-3"]) await job(id, "running");
    await job("failed-late", "failed");
    expect(await sweepMoney(deps.money, new Date(), 60_000, 2)).toEqual({
      charged: 0,
      refunded: 1,
      waiting: 4,
    });
    const [late] = rowsOf<{ state: string }>(
      await database().db.execute(sql`SELECT state FROM reservations WHERE job_id = 'failed-late'`),
    );
    expect(late?.state).toBe("refunded");
    const page = await deps.money.unsettled(2);
    expect(page.map((u) => u.jobId)).toEqual(["running", "flying-1"]);
    expect((await deps.money.unsettled(2, page[1]?.position)).map((u) => u.jobId)).toEqual([
      "flying-2",
      "flying-3",
    ]);
  });
});
