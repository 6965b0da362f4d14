/**
 * Seconds left for a job that has run `elapsedSeconds`, from the real durations of recent jobs
 * with the same model, duration and quality (their median). Undefined with no history, or when
 * the job has already run longer than is usual.
 */
export function etaSeconds(elapsedSeconds: number, recentDurations: readonly number[]): number | undefined {
  if (recentDurations.length === 0) return undefined;
  const sorted = [...recentDurations].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const left = Math.round(median - elapsedSeconds);
  return left > 0 ? left : undefined;
}

/** "1 m 05 s", "42 s" */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} m ${String(s % 60).padStart(2, "0")} s`;
}
