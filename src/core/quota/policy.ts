// Which quota counters a request touches, and the limit on each. Pure.
//
// The model: a request is counted against
//  - its user's counters (day, week and month, always): the limit is the most specific policy
//    that applies, in this order: a policy for that user; the most generous policy among the
//    user's roles; the workspace's policy for every user; the operator's configured default;
//  - its workspace's counters (always): limited by a workspace policy when one exists;
//  - its channel's counters and the global counters: only while a policy for them exists (so such
//    a limit counts usage from the moment it is set).

import type { Platform } from "../chat-event.ts";
import { type Period, periodEnd, periodStart } from "./periods.ts";

export const SCOPES = ["global", "workspace", "channel", "role", "user"] as const;
export type Scope = (typeof SCOPES)[number];

/** A limit per dimension; null means unlimited. */
export interface Limits {
  readonly videos: number | null;
  readonly seconds: number | null;
  readonly credits: number | null;
}

export const NO_LIMITS: Limits = { videos: null, seconds: null, credits: null };

export interface QuotaPolicy {
  readonly scope: Scope;
  /** "" for global. */
  readonly workspaceId: string;
  /** The channel, role or user id; "" for workspace and global, and for "every user" policies. */
  readonly subjectId: string;
  readonly period: Period;
  readonly limits: Limits;
}

export interface Requester {
  readonly platform: Platform;
  readonly workspaceId: string;
  readonly channelId: string;
  readonly userId: string;
  readonly roles: readonly string[];
}

/** What one request costs against quotas. */
export interface Usage {
  readonly videos: number;
  readonly seconds: number;
  readonly credits: number;
}

/** Operator defaults from config: per-user limits by period. */
export type DefaultUserLimits = Partial<Record<Period, Limits>>;

export type CounterScope = "user" | "workspace" | "channel" | "global";

/** One subject's counter, with its current windows and the limit in each (null: none). */
export interface CounterPlan {
  readonly key: string;
  readonly scope: CounterScope;
  readonly starts: Readonly<Record<Period, Date>>;
  readonly resetsAt: Readonly<Record<Period, Date>>;
  readonly limits: Readonly<Record<Period, Limits | null>>;
}

/** What a counter holds in each of its current windows. */
export type WindowUsage = Readonly<Record<Period, Usage>>;

export const ZERO_USAGE: Usage = { videos: 0, seconds: 0, credits: 0 };
export const ZERO_WINDOWS: WindowUsage = { day: ZERO_USAGE, week: ZERO_USAGE, month: ZERO_USAGE };

export const counterKeys = {
  user: (r: Pick<Requester, "platform" | "workspaceId" | "userId">) =>
    `user:${r.platform}:${r.workspaceId}:${r.userId}`,
  workspace: (r: Pick<Requester, "platform" | "workspaceId">) => `workspace:${r.platform}:${r.workspaceId}`,
  channel: (r: Pick<Requester, "platform" | "workspaceId" | "channelId">) =>
    `channel:${r.platform}:${r.workspaceId}:${r.channelId}`,
  global: () => "global",
};

const hasAnyLimit = (l: Limits): boolean => l.videos !== null || l.seconds !== null || l.credits !== null;

/** Per dimension, the larger allowance (null, unlimited, is the largest). */
function mostGenerous(a: Limits, b: Limits): Limits {
  const pick = (x: number | null, y: number | null): number | null =>
    x === null || y === null ? null : Math.max(x, y);
  return {
    videos: pick(a.videos, b.videos),
    seconds: pick(a.seconds, b.seconds),
    credits: pick(a.credits, b.credits),
  };
}

/** The limits on one user for one period (see the model above). */
export function userLimits(
  requester: Requester,
  policies: readonly QuotaPolicy[],
  defaults: DefaultUserLimits,
  period: Period,
): Limits | null {
  const inWorkspace = policies.filter((p) => p.period === period && p.workspaceId === requester.workspaceId);
  const own = inWorkspace.find((p) => p.scope === "user" && p.subjectId === requester.userId);
  if (own !== undefined) return own.limits;
  const roles = inWorkspace.filter((p) => p.scope === "role" && requester.roles.includes(p.subjectId));
  if (roles.length > 0) return roles.map((p) => p.limits).reduce(mostGenerous);
  const everyone = inWorkspace.find((p) => p.scope === "user" && p.subjectId === "");
  if (everyone !== undefined) return everyone.limits;
  return defaults[period] ?? null;
}

const byPeriod = <T>(f: (period: Period) => T): Record<Period, T> => ({
  day: f("day"),
  week: f("week"),
  month: f("month"),
});
const limitOrNull = (l: Limits | null | undefined): Limits | null =>
  l !== null && l !== undefined && hasAnyLimit(l) ? l : null;

/**
 * Every counter a request from `requester` moves, sorted by key in code-unit order (the order rows
 * are locked in, the same as PostgreSQL's COLLATE "C" used when refunds lock them).
 */
export function planCounters(
  requester: Requester,
  policies: readonly QuotaPolicy[],
  defaults: DefaultUserLimits,
  now: Date,
): CounterPlan[] {
  const starts = byPeriod((p) => periodStart(p, now));
  const resetsAt = byPeriod((p) => periodEnd(p, now));
  const plan = (
    key: string,
    scope: CounterScope,
    limits: (period: Period) => Limits | null | undefined,
  ): CounterPlan => ({
    key,
    scope,
    starts,
    resetsAt,
    limits: byPeriod((p) => limitOrNull(limits(p))),
  });
  const ws = requester.workspaceId;
  const find = (scope: Scope, subjectId: string, period: Period): Limits | undefined =>
    policies.find(
      (p) =>
        p.scope === scope &&
        p.period === period &&
        p.subjectId === subjectId &&
        (scope === "global" || p.workspaceId === ws),
    )?.limits;
  const plans = [
    plan(counterKeys.user(requester), "user", (p) => userLimits(requester, policies, defaults, p)),
    plan(counterKeys.workspace(requester), "workspace", (p) => find("workspace", "", p)),
  ];
  if (
    policies.some((p) => p.scope === "channel" && p.workspaceId === ws && p.subjectId === requester.channelId)
  ) {
    plans.push(
      plan(counterKeys.channel(requester), "channel", (p) => find("channel", requester.channelId, p)),
    );
  }
  if (policies.some((p) => p.scope === "global")) {
    plans.push(plan(counterKeys.global(), "global", (p) => find("global", "", p)));
  }
  return plans.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
