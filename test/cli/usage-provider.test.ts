import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type QuotaDeps, reserveQuota } from "../../src/app/money/quota.ts";
import { runUsage, spendFromDatabase } from "../../src/cli/usage/run-usage.ts";
import type { Requester } from "../../src/core/quota/policy.ts";
import { SqlMoneyStore } from "../../src/db/money-store.ts";
import { SqlPolicyStore } from "../../src/db/policy-store.ts";
import { readProviderJobs } from "../../src/db/provider-jobs.ts";
import { jobs } from "../../src/db/schema/index.ts";
import { PixverseAccount } from "../../src/providers/pixverse/account.ts";
import { PixverseProvider } from "../../src/providers/pixverse/client.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { useTestDatabase } from "../support/database.ts";
import { testHttpPolicy, videoRequest } from "../support/video-request.ts";

const database = useTestDatabase();
const who = (workspaceId: string, userId: string): Requester => ({
  platform: "discord",
  workspaceId,
  channelId: "c1",
  userId,
  roles: [],
});

describe("framecast usage --provider, against the fake PixVerse", () => {
  const pixverse = new FakePixverse();
  const ids: Record<string, string> = {};
  const client = () =>
    new PixverseProvider({
      apiKey: pixverse.apiKey,
      baseUrl: pixverse.baseUrl,
      http: testHttpPolicy().policy,
    });

  // Five videos: A delivered and charged; B refunded by framecast (its delivery failed) though
  // PixVerse billed it; C moderated, refunded on both sides; D made by another app on the same key;
  // E charged by framecast under an id PixVerse never billed.
  beforeAll(async () => {
    await pixverse.start();
    for (const [name, script] of [
      ["A", [1]],
      ["B", [1]],
      ["C", [7]],
      ["D", [1]],
    ] as const) {
      pixverse.nextScript = script;
      const job = await client().submit(videoRequest({ duration: 5 }), { idempotencyKey: name });
      await client().status(job);
      ids[name] = job.id;
    }
    ids.E = "4242";
    const money = new SqlMoneyStore(database().db);
    const deps: QuotaDeps = {
      money,
      policies: new SqlPolicyStore(database().db),
      defaults: {},
      now: () => new Date(),
    };
    for (const [name, end] of [
      ["A", "charge"],
      ["B", "refund"],
      ["C", "refund"],
      ["E", "charge"],
    ] as const) {
      const jobId = `pv-${name}`;
      await reserveQuota(deps, who("w3", "dana"), jobId, { videos: 1, seconds: 5, credits: 35 });
      await database()
        .db.insert(jobs)
        .values({
          id: jobId,
          platform: "discord",
          workspaceId: "w3",
          channelId: "c1",
          userId: "dana",
          request: videoRequest({ duration: 5 }),
          mode: "text-to-video",
          model: "v5.6",
          provider: "pixverse",
          providerJobId: ids[name],
          state: end === "charge" ? "delivered" : "failed",
          costCredits: 35,
          costUsdCents: 35,
        });
      if (end === "charge") await money.charge(jobId);
      else await money.refund(jobId, "failed");
    }
  });
  afterAll(() => pixverse.stop());

  const report = async (args: string[]) => {
    let out = "";
    const code = await runUsage(
      args,
      spendFromDatabase(async () => ({ db: database().db, close: async () => {} }), 1),
      {
        out: (t) => {
          out += t;
        },
        err: () => {},
        // A second on: what PixVerse billed in the last second still counts (its times are whole seconds).
        now: new Date(Date.now() + 1_000),
      },
      {
        jobs: (since) => readProviderJobs(database().db, since),
        records: async (since, until) => ({
          pixverse: await new PixverseAccount({
            apiKey: pixverse.apiKey,
            baseUrl: pixverse.baseUrl,
            http: testHttpPolicy().policy,
          }).record(since, until),
        }),
      },
    );
    return { code, out };
  };

  it("GIVEN the ledger and PixVerse's usage detail THEN a row per provider and every difference named", async () => {
    const r = await report(["--provider"]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n").slice(2)).toEqual([
      "provider  sent  charged  refunded  in flight  list price  provider's record",
      "pixverse     4        2         2          0       $0.70  150 credits ($1.50) for 3 videos; balance 1,500 credits",
      "",
      "PixVerse: 4 differences",
      `  • PixVerse billed 50 credits for 1 video framecast refunded to its users: ${ids.B}`,
      `  • PixVerse billed 50 credits for 1 video framecast has no job for (another app on this key, or a job from before the period): ${ids.D}`,
      "  • framecast charged 1 video PixVerse's record doesn't show (yet): 4242",
      `  • for the 1 video both charged, framecast's list price was $0.35 and PixVerse's $0.50: $0.15 more at PixVerse: ${ids.A}`,
      "",
    ]);
  });

  it("GIVEN --json THEN the same reconciliation for machines", async () => {
    const r = await report(["--provider", "--json"]);
    const json = JSON.parse(r.out) as { providers: { provider: string; differences: { kind: string }[] }[] };
    expect(json.providers.map((p) => [p.provider, p.differences.map((d) => d.kind)])).toEqual([
      ["pixverse", ["refunded_but_billed", "billed_unknown", "charged_not_billed", "price"]],
    ]);
  });

  it("GIVEN a period longer than PixVerse's 30-day window THEN it is read 30 days at a time", async () => {
    const before = pixverse.requests.filter((q) => q.path.endsWith("/usage-detail")).length;
    await report(["--provider", "--days", "75"]);
    const asked = pixverse.requests.filter((q) => q.path.endsWith("/usage-detail")).slice(before);
    expect(asked).toHaveLength(3);
  });
});
