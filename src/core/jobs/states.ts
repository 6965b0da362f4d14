// The states a job row can be in. The job engine owns the transitions; money only needs to know
// which states are final and whether they mean the video was delivered.

export const JOB_STATES = [
  "queued",
  "submitting",
  "running",
  "delivering",
  "delivered",
  "failed",
  "moderated",
  "canceled",
  "timed_out",
] as const;
export type JobState = (typeof JOB_STATES)[number];

export const FAILED_STATES: ReadonlySet<string> = new Set(["failed", "moderated", "canceled", "timed_out"]);

/** What the money of a job in `state` should become: charged, refunded, or left reserved. */
export function settlementFor(
  state: string | null,
  reservedForMs: number,
  orphanAfterMs: number,
): "charge" | "refund" | "wait" {
  if (state === "delivered") return "charge";
  if (state !== null && FAILED_STATES.has(state)) return "refund";
  // A reservation with no job: its transaction was cut short before the job row was written.
  if (state === null && reservedForMs >= orphanAfterMs) return "refund";
  return "wait";
}
