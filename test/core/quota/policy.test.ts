import { describe, expect, it } from "vitest";
import { formatSpan, periodEnd, periodStart } from "../../../src/core/quota/periods.ts";
import {
  type Limits,
  planCounters,
  type QuotaPolicy,
  type Requester,
} from "../../../src/core/quota/policy.ts";
import { breachMessage, findBreach } from "../../../src/core/quota/refusal.ts";

const NOW = new Date("2026-11-22T18:48:00Z"); // a Sunday
const who: Requester = {
  platform: "discord",
  workspaceId: "w",
  channelId: "c",
  userId: "u",
  roles: ["r1", "r2"],
};
const L = (videos: number | null, seconds: number | null = null, credits: number | null = null): Limits => ({
  videos,
  seconds,
  credits,
});
const p = (
  scope: QuotaPolicy["scope"],
  subjectId: string,
  limits: Limits,
  period: QuotaPolicy["period"] = "day",
): QuotaPolicy => ({
  scope,
  workspaceId: scope === "global" ? "" : "w",
  subjectId,
  period,
  limits,
});
const userDay = (policies: QuotaPolicy[], defaults = { day: L(5, 60) }) =>
  planCounters(who, policies, defaults, NOW).find((c) => c.scope === "user")?.limits.day;

describe("periods (UTC)", () => {
  it.each([
    ["day", "2026-11-22T00:00:00.000Z", "2026-11-23T00:00:00.000Z"],
    ["week", "2026-11-16T00:00:00.000Z", "2026-11-23T00:00:00.000Z"],
    ["month", "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"],
  ] as const)("GIVEN Sunday 22 Nov THEN the %s runs %s to %s", (period, start, end) => {
    expect(periodStart(period, NOW).toISOString()).toBe(start);
    expect(periodEnd(period, NOW).toISOString()).toBe(end);
  });

  it("GIVEN 31 December THEN the month ends at the new year", () => {
    expect(periodEnd("month", new Date("2026-12-31T23:59:59Z")).toISOString()).toBe(
      "2027-01-01T00:00:00.000Z",
    );
  });

  it.each([
    [18_720_000, "5 h 12 m"],
    [3_600_000, "1 h"],
    [90_000, "1 m"],
    [45_000, "45 s"],
    [97_200_000, "1 d 3 h"],
  ])("GIVEN %i ms THEN %s", (ms, text) => {
    expect(formatSpan(ms)).toBe(text);
  });
});

describe("which limit applies to a user", () => {
  it("GIVEN no policy THEN the configured default", () => {
    expect(userDay([])).toEqual(L(5, 60));
  });
  it("GIVEN an every-user policy THEN it replaces the default", () => {
    expect(userDay([p("user", "", L(3))])).toEqual(L(3));
  });
  it("GIVEN role policies THEN the most generous per dimension, over the every-user one", () => {
    expect(
      userDay([
        p("user", "", L(1)),
        p("role", "r1", L(10, 30)),
        p("role", "r2", L(4, null)),
        p("role", "r3", L(99)),
      ]),
    ).toEqual(L(10, null));
  });
  it("GIVEN the user's own policy THEN it wins over roles", () => {
    expect(userDay([p("role", "r1", L(10)), p("user", "u", L(2))])).toEqual(L(2));
  });
  it("GIVEN policies of another workspace THEN they don't apply", () => {
    expect(userDay([{ ...p("user", "u", L(2)), workspaceId: "other" }])).toEqual(L(5, 60));
  });
});

describe("which counters a request moves", () => {
  it("GIVEN no workspace, channel or global policy THEN the user's and the workspace's counters, sorted", () => {
    const plans = planCounters(who, [], {}, NOW);
    expect(plans.map((c) => [c.key, c.scope])).toEqual([
      ["user:discord:w:u", "user"],
      ["workspace:discord:w", "workspace"],
    ]);
    expect(plans[0]?.limits).toEqual({ day: null, week: null, month: null });
  });
  it("GIVEN channel and global policies THEN their counters join, in key order", () => {
    const plans = planCounters(
      who,
      [p("channel", "c", L(50)), p("global", "", L(null, null, 9000), "month")],
      {},
      NOW,
    );
    expect(plans.map((c) => c.key)).toEqual([
      "channel:discord:w:c",
      "global",
      "user:discord:w:u",
      "workspace:discord:w",
    ]);
    expect(plans[1]?.limits.month).toEqual(L(null, null, 9000));
  });
});

describe("refusals", () => {
  it("GIVEN 48 of 60 s used and a 16 s request THEN the message says what is left, what is needed and when it resets", () => {
    const [user] = planCounters(who, [], { day: L(null, 60) }, NOW);
    if (user === undefined) throw new Error("no plan");
    const used = { videos: 3, seconds: 48, credits: 0 };
    const breach = findBreach(
      user,
      { day: used, week: used, month: used },
      { videos: 1, seconds: 16, credits: 112 },
    );
    expect(breach?.dimension).toBe("seconds");
    expect(breach && breachMessage(breach, NOW)).toBe(
      "You have 12 s of video left today; this request needs 16 s. Resets in 5 h 12 m.",
    );
  });
  it("GIVEN a weekly credit limit THEN the message speaks of this week", () => {
    const [user] = planCounters(who, [p("user", "u", L(null, null, 100), "week")], {}, NOW);
    if (user === undefined) throw new Error("no plan");
    const used = { videos: 1, seconds: 8, credits: 70 };
    const breach = findBreach(
      user,
      { day: used, week: used, month: used },
      { videos: 1, seconds: 8, credits: 56 },
    );
    expect(breach && breachMessage(breach, NOW)).toBe(
      "You have 30 credits left this week; this request needs 56 credits. Resets in 5 h 12 m.",
    );
  });
});
