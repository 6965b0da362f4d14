import type { CounterPlan, QuotaPolicy, Requester, Usage, WindowUsage } from "../../core/quota/policy.ts";
import type { QuotaBreach } from "../../core/quota/refusal.ts";

export interface ReserveInput {
  readonly jobId: string;
  readonly requester: Requester;
  readonly usage: Usage;
  /** Sorted by key: the order counter rows are locked in. */
  readonly counters: readonly CounterPlan[];
}

export type ReserveOutcome =
  | { readonly status: "reserved" }
  | { readonly status: "already_reserved" }
  | { readonly status: "refused"; readonly breach: QuotaBreach };

export type MoneyState = "reserved" | "charged" | "refunded";

export type SettleOutcome =
  | { readonly status: "settled" }
  | { readonly status: "unchanged"; readonly state: MoneyState }
  | { readonly status: "unknown_job" };

export interface Unsettled {
  readonly jobId: string;
  readonly jobState: string | null;
  readonly reservedAt: Date;
  /** Where this reservation is in the oldest-first order: pass it to read the page after it. */
  readonly position: string;
}

/** Where quota counters, reservations and the ledger live. Every method is one transaction. */
export interface MoneyStore {
  /** Moves every counter in `input.counters` by `input.usage`, or none if any limit would break. */
  reserve(input: ReserveInput): Promise<ReserveOutcome>;
  /** reserved → charged; any other state is left as it is. */
  charge(jobId: string): Promise<SettleOutcome>;
  /** reserved → refunded, giving the usage back to every counter it took from. */
  refund(jobId: string, reason: string): Promise<SettleOutcome>;
  /**
   * Records that the provider made (and bills) a video no one is charged for: the operator's
   * cost, shown in the spend report. Once per job; never for a job that was charged.
   */
  absorb(jobId: string, reason: string): Promise<void>;
  /** What each counter holds in the windows starting at `starts` (ended windows and absent counters read as zero). */
  readCounters(keys: readonly string[], starts: CounterPlan["starts"]): Promise<WindowUsage[]>;
  /** Every counter whose key starts with `prefix`, with what it holds in the windows starting at `starts`. */
  listCounters(prefix: string, starts: CounterPlan["starts"]): Promise<{ key: string; usage: WindowUsage }[]>;
  /**
   * Reservations still open, oldest first, with the state of their job (null: no job row): the
   * first `limit`, or the `limit` after the one at `after` (an Unsettled's `position`).
   */
  unsettled(limit: number, after?: string): Promise<Unsettled[]>;
}

export interface PolicyStore {
  /** Every policy that can apply to a request from this requester. */
  policiesFor(requester: Requester): Promise<QuotaPolicy[]>;
  /** Policies of one workspace (and the global ones). */
  listPolicies(platform: string, workspaceId: string): Promise<QuotaPolicy[]>;
  setPolicy(platform: string, policy: QuotaPolicy, updatedBy: string): Promise<void>;
  clearPolicy(platform: string, policy: Omit<QuotaPolicy, "limits">): Promise<boolean>;
}
