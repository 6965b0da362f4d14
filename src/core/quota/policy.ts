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
import { PERIODS, type Period, periodEnd, periodStart } from "./periods.ts";

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

export interface CounterPlan {
  readonly key: string;
  readonly scope: CounterScope;
  readonly period: Period;
  readonly periodStart: Date;
  readonly resetsAt: Date;
  /** null: tracked for reports, never refuses. */
  readonly limits: Limits | null;
}

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

/** Every counter a request from `requester` moves, sorted by key (the order rows are locked in). */
export function planCounters(
  requester: Requester,
  policies: readonly QuotaPolicy[],
  defaults: DefaultUserLimits,
  now: Date,
): CounterPlan[] {
  const plans: CounterPlan[] = [];
  const add = (key: string, scope: CounterScope, period: Period, limits: Limits | null): void => {
    plans.push({
      key,
      scope,
      period,
      periodStart: periodStart(period, now),
      resetsAt: periodEnd(period, now),
      limits: limits !== null && hasAnyLimit(limits) ? limits : null,
    });
  };
  for (const period of PERIODS) {
    add(counterKeys.user(requester), "user", period, userLimits(requester, policies, defaults, period));
    const ws = policies.find(
      (p) => p.scope === "workspace" && p.workspaceId === requester.workspaceId && p.period === period,
    );
    add(counterKeys.workspace(requester), "workspace", period, ws?.limits ?? null);
    const ch = policies.find(
      (p) =>
        p.scope === "channel" &&
        p.workspaceId === requester.workspaceId &&
        p.subjectId === requester.channelId &&
        p.period === period,
    );
    if (ch !== undefined) add(counterKeys.channel(requester), "channel", period, ch.limits);
    const global = policies.find((p) => p.scope === "global" && p.period === period);
    if (global !== undefined) add(counterKeys.global(), "global", period, global.limits);
  }
  // Plain code-unit order, the same as PostgreSQL's COLLATE "C" used when refunds lock rows.
  const order = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return plans.sort((a, b) => order(a.key, b.key) || order(a.period, b.period));
}
