import { beforeAll, describe, expect, it } from "vitest";
import { type QuotaDeps, reserveQuota } from "../../src/app/money/quota.ts";
import { parseUsageArgs, runUsage, spendFromDatabase } from "../../src/cli/usage/run-usage.ts";
import type { Requester } from "../../src/core/quota/policy.ts";
import { SqlMoneyStore } from "../../src/db/money-store.ts";
import { SqlPolicyStore } from "../../src/db/policy-store.ts";
import { jobs } from "../../src/db/schema/jobs.ts";
import { useTestDatabase } from "../support/database.ts";
import { videoRequest } from "../support/video-request.ts";

const database = useTestDatabase();
const NOW = new Date("2026-11-22T18:48:00Z");
const who = (workspaceId: string, userId: string): Requester => ({
  platform: "discord",
  workspaceId,
  channelId: "c1",
  userId,
  roles: [],
});

// Four people: alice has two videos charged and one refunded, bob one charged and one in
// flight, carol (another workspace) one refunded only, which the provider made all the same
// (cancelled too late to stop): the operator's cost; dan two offline previews charged.
beforeAll(async () => {
  const money = new SqlMoneyStore(database().db);
  const deps: QuotaDeps = {
    money,
    policies: new SqlPolicyStore(database().db),
    defaults: {},
    now: () => NOW,
  };
  const jobs: [Requester, string, number, number, "charge" | "refund" | "open"][] = [
    [who("w1", "alice"), "a1", 8, 56, "charge"],
    [who("w1", "alice"), "a2", 5, 35, "charge"],
    [who("w1", "alice"), "a3", 5, 35, "refund"],
    [who("w1", "bob"), "b1", 10, 70, "charge"],
    [who("w1", "bob"), "b2", 5, 35, "open"],
    [who("w2", "carol"), "c1", 5, 35, "refund"],
    [who("w2", "dan"), "d1", 5, 35, "charge"],
    [who("w2", "dan"), "d2", 5, 35, "charge"],
  ];
  for (const [requester, id, seconds, credits, end] of jobs) {
    if (id.startsWith("d")) await previewJob(id, requester);
    await reserveQuota(deps, requester, id, { videos: 1, seconds, credits });
    if (end === "charge") await money.charge(id);
    if (end === "refund") await money.refund(id, "failed");
  }
  await money.absorb("c1", "cancelled while the provider was starting it");
  await money.absorb("c1", "twice is once");
  await money.absorb("a1", "a charged video is never the operator's cost");
});

/** The job row of a video the offline preview made. */
async function previewJob(id: string, r: Requester): Promise<void> {
  const request = videoRequest({ duration: 5 });
  await database().db.insert(jobs).values({
    id,
    platform: r.platform,
    workspaceId: r.workspaceId,
    channelId: r.channelId,
    userId: r.userId,
    request,
    mode: request.mode,
    model: request.model,
    provider: "preview",
    state: "delivered",
    costCredits: 35,
    costUsdCents: 35,
  });
}

async function usage(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runUsage(
    args,
    spendFromDatabase(async () => ({ db: database().db, close: async () => {} }), 1),
    {
      out: (t) => {
        out += t;
      },
      err: (t) => {
        err += t;
      },
      now: new Date(),
    },
  );
  return { code, out, err };
}

describe("framecast usage", () => {
  it("GIVEN charged, refunded, open jobs and offline previews THEN a table per user, biggest spender first, previews apart at no price, with a total", async () => {
    const r = await usage([]);
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[0]).toMatch(/^Spend since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/u);
    expect(lines.slice(2)).toEqual([
      "platform  workspace  user     videos  seconds  credits  spend  previews  refunded  in flight  operator",
      "discord   w1         alice         2       13       91  $0.91         0         1          0     $0.00",
      "discord   w1         bob           1       10       70  $0.70         0         0          1     $0.00",
      "discord   w2         carol         0        0        0  $0.00         0         1          0     $0.35",
      "discord   w2         dan           0        0        0  $0.00         2         0          0     $0.00",
      "total                4 users       3       23      161  $1.61         2         2          1     $0.35",
      "",
    ]);
  });

  it("GIVEN --json THEN the same figures for machines", async () => {
    const r = await usage(["--json"]);
    const report = JSON.parse(r.out) as { rows: { userId: string; usdCents: number }[]; total: unknown };
    expect(report.rows.map((row) => [row.userId, row.usdCents])).toEqual([
      ["alice", 91],
      ["bob", 70],
      ["carol", 0],
      ["dan", 0],
    ]);
    expect(report.total).toEqual({
      videos: 3,
      seconds: 23,
      credits: 161,
      usdCents: 161,
      previews: 2,
      refunded: 2,
      open: 1,
      operatorUsdCents: 35,
    });
  });

  it("GIVEN --by workspace THEN one row per workspace, its users added up", async () => {
    const r = await usage(["--by", "workspace"]);
    expect(r.out.split("\n").slice(2)).toEqual([
      "platform  workspace  users    videos  seconds  credits  spend  previews  refunded  in flight  operator",
      "discord   w1         2             3       23      161  $1.61         0         1          1     $0.00",
      "discord   w2         2             0        0        0  $0.00         2         1          0     $0.35",
      "total                4 users       3       23      161  $1.61         2         2          1     $0.35",
      "",
    ]);
  });

  it("GIVEN a period after every job THEN says there were no videos", async () => {
    const r = await usage(["--since", "2999-01-01"]);
    expect(r.out).toContain("No videos in this period.");
  });
});

describe("framecast usage arguments", () => {
  const now = new Date("2026-11-22T12:00:00Z");
  it.each([
    [[], { json: false, by: "user", since: new Date("2026-10-23T12:00:00Z") }],
    [["--json", "--days", "7"], { json: true, by: "user", since: new Date("2026-11-15T12:00:00Z") }],
    [
      ["--since", "2026-11-01", "--by", "workspace"],
      { json: false, by: "workspace", since: new Date("2026-11-01T00:00:00Z") },
    ],
  ])("GIVEN %j THEN %j", (args, expected) => {
    expect(parseUsageArgs(args, now)).toEqual(expected);
  });

  it.each([
    [["--days"]],
    [["--days", "0"]],
    [["--since", "yesterday"]],
    [["--since", "2026-13-45"]],
    [["--by", "team"]],
    [["extra"]],
  ])("GIVEN %j THEN usage, exit 2", (args) => {
    expect(parseUsageArgs(args, now)).toMatchObject({ code: 2 });
  });
});
