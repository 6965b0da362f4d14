// MoneyStore in memory: the twin of SqlMoneyStore and its PL/pgSQL functions (reserve, charge,
// refund: all or nothing, idempotent), for fast tests and the console. JavaScript runs one call
// at a time, so each method is as atomic as the SQL transaction it stands for.
// test/contract/money-store.test.ts runs the same cases against both.

import type { Period } from "../../core/quota/periods.ts";
import {
  type CounterPlan,
  type Usage,
  type WindowUsage,
  ZERO_USAGE,
  ZERO_WINDOWS,
} from "../../core/quota/policy.ts";
import { findBreach } from "../../core/quota/refusal.ts";
import type {
  MoneyState,
  MoneyStore,
  ReserveInput,
  ReserveOutcome,
  SettleOutcome,
  Unsettled,
} from "./ports.ts";

const PERIODS: readonly Period[] = ["day", "week", "month"];

type Counter = Record<Period, { start: Date; usage: Usage }>;

interface Reservation {
  readonly usage: Usage;
  readonly counters: readonly { key: string; starts: CounterPlan["starts"] }[];
  readonly reservedAt: Date;
  state: MoneyState;
}

export interface LedgerEntry {
  readonly jobId: string;
  readonly kind: "reserve" | "charge" | "refund" | "operator";
  readonly usage: Usage;
  readonly reason?: string;
}

const add = (a: Usage, b: Usage, sign = 1): Usage => ({
  videos: a.videos + sign * b.videos,
  seconds: a.seconds + sign * b.seconds,
  credits: a.credits + sign * b.credits,
});

/** What a counter holds in the windows starting at `starts`: an ended window reads as zero. */
function windowsOf(counter: Counter | undefined, starts: CounterPlan["starts"]): WindowUsage {
  if (counter === undefined) return ZERO_WINDOWS;
  const read = (p: Period): Usage =>
    counter[p].start.getTime() >= starts[p].getTime() ? counter[p].usage : ZERO_USAGE;
  return { day: read("day"), week: read("week"), month: read("month") };
}

export class MemoryMoneyStore implements MoneyStore {
  readonly #counters = new Map<string, Counter>();
  readonly #reservations = new Map<string, Reservation>();
  /** Every movement, in order (the ledger table's twin). */
  readonly ledger: LedgerEntry[] = [];
  readonly #jobState: (jobId: string) => string | null;
  readonly #now: () => Date;

  /** `jobState`: the state of a job's row (null: none), as the SQL store joins it. */
  constructor(options: { jobState?: (jobId: string) => string | null; now?: () => Date } = {}) {
    this.#jobState = options.jobState ?? (() => null);
    this.#now = options.now ?? (() => new Date());
  }

  async reserve(input: ReserveInput): Promise<ReserveOutcome> {
    if (input.counters.length === 0) throw new Error("a reservation needs at least one counter");
    if (this.#reservations.has(input.jobId)) return { status: "already_reserved" };
    for (const plan of input.counters) {
      const breach = findBreach(plan, windowsOf(this.#counters.get(plan.key), plan.starts), input.usage);
      if (breach !== undefined) return { status: "refused", breach };
    }
    for (const plan of input.counters) {
      const current = windowsOf(this.#counters.get(plan.key), plan.starts);
      const stored = this.#counters.get(plan.key);
      const counter = {} as Counter;
      for (const p of PERIODS) {
        const start =
          stored === undefined || stored[p].start < plan.starts[p] ? plan.starts[p] : stored[p].start;
        counter[p] = { start, usage: add(current[p], input.usage) };
      }
      this.#counters.set(plan.key, counter);
    }
    this.#reservations.set(input.jobId, {
      usage: input.usage,
      counters: input.counters.map((c) => ({ key: c.key, starts: c.starts })),
      reservedAt: this.#now(),
      state: "reserved",
    });
    this.ledger.push({ jobId: input.jobId, kind: "reserve", usage: input.usage });
    return { status: "reserved" };
  }

  async charge(jobId: string): Promise<SettleOutcome> {
    const r = this.#reservations.get(jobId);
    if (r === undefined) return { status: "unknown_job" };
    if (r.state !== "reserved") return { status: "unchanged", state: r.state };
    r.state = "charged";
    this.ledger.push({ jobId, kind: "charge", usage: r.usage });
    return { status: "settled" };
  }

  async refund(jobId: string, reason: string): Promise<SettleOutcome> {
    const r = this.#reservations.get(jobId);
    if (r === undefined) return { status: "unknown_job" };
    if (r.state !== "reserved") return { status: "unchanged", state: r.state };
    r.state = "refunded";
    // Given back in each window that is still the one the reservation took from.
    for (const taken of r.counters) {
      const counter = this.#counters.get(taken.key);
      if (counter === undefined) continue;
      for (const p of PERIODS)
        if (counter[p].start.getTime() === taken.starts[p].getTime())
          counter[p] = { start: counter[p].start, usage: add(counter[p].usage, r.usage, -1) };
    }
    this.ledger.push({ jobId, kind: "refund", usage: r.usage, reason });
    return { status: "settled" };
  }

  async absorb(jobId: string, reason: string): Promise<void> {
    const r = this.#reservations.get(jobId);
    if (r === undefined || r.state === "charged") return;
    if (this.ledger.some((e) => e.jobId === jobId && e.kind === "operator")) return;
    this.ledger.push({ jobId, kind: "operator", usage: r.usage, reason });
  }

  async readCounters(keys: readonly string[], starts: CounterPlan["starts"]): Promise<WindowUsage[]> {
    return keys.map((key) => windowsOf(this.#counters.get(key), starts));
  }

  async listCounters(
    prefix: string,
    starts: CounterPlan["starts"],
  ): Promise<{ key: string; usage: WindowUsage }[]> {
    return [...this.#counters.keys()]
      .filter((key) => key.startsWith(prefix))
      .sort()
      .map((key) => ({ key, usage: windowsOf(this.#counters.get(key), starts) }));
  }

  async unsettled(limit: number, after?: string): Promise<Unsettled[]> {
    // Oldest first, ties by job id; `after` is a position this method handed out.
    const key = (jobId: string, at: Date): string => `${String(at.getTime()).padStart(16, "0")} ${jobId}`;
    return [...this.#reservations.entries()]
      .filter(([, r]) => r.state === "reserved")
      .map(([jobId, r]) => ({ jobId, r, position: key(jobId, r.reservedAt) }))
      .filter((u) => after === undefined || u.position > after)
      .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0))
      .slice(0, limit)
      .map(({ jobId, r, position }) => ({
        jobId,
        jobState: this.#jobState(jobId),
        reservedAt: r.reservedAt,
        position,
      }));
  }
}
