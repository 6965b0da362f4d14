// The job state machine. Transitions are a table the type system reads: `advance("queued",
// "delivered")` does not compile. Values read back from storage are checked with canAdvance().
//
//   queued ──► submitting ──► running ──► delivering ──► delivered
//     │            │             │             │
//     └────────────┴─────────────┴─► canceled  └──► failed
//                  └──► failed · moderated       ├──► failed · moderated · timed_out
//
// A submission no provider accepted fails (the router has already failed over between
// providers within it), and is refunded; nothing leaves a final state. The job store's
// `transition` takes only these pairs (JobStore in app/jobs/ports.ts).

import type { JobState } from "./states.ts";

export const TRANSITIONS = {
  queued: ["submitting", "canceled"],
  submitting: ["running", "failed", "moderated", "canceled"],
  running: ["delivering", "failed", "moderated", "timed_out", "canceled"],
  delivering: ["delivered", "failed"],
  delivered: [],
  failed: [],
  moderated: [],
  canceled: [],
  timed_out: [],
} as const satisfies Readonly<Record<JobState, readonly JobState[]>>;

export type NextState<S extends JobState> = (typeof TRANSITIONS)[S][number];
export type FinalState = {
  [S in JobState]: (typeof TRANSITIONS)[S] extends readonly [] ? S : never;
}[JobState];

/** A legal step, checked at compile time. */
export function advance<S extends JobState>(_from: S, to: NextState<S>): NextState<S> {
  return to;
}

/** The same rule for states read from storage (where types can't help). */
export function canAdvance(from: string, to: string): boolean {
  const next: readonly string[] | undefined = (TRANSITIONS as Record<string, readonly string[]>)[from];
  return next?.includes(to) ?? false;
}

export function isFinal(state: string): state is FinalState {
  return (TRANSITIONS as Record<string, readonly string[]>)[state]?.length === 0;
}
