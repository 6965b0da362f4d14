// How often a running job is asked for its status. Polling is most of what thousands of jobs in
// flight cost (a queue step, a job read and a provider request each), so young jobs are not asked
// every few seconds, and jobs accepted together (a burst of commands) don't stay in step: each
// delay is spread by ±20%, differently for each job and each poll, but the same on every run.

/** The shortest delay between polls, before the spread (the first poll, 2 s after submission, is sooner). */
const MIN_SECONDS = 5;

/**
 * Seconds to the next poll (the first is 2 s after submission, engine.ts): every 5 s at first (a
 * short video is often done in under a minute), then a third of the time it has taken so far, up
 * to every 30 s, each spread by ±20% (`key`: the job's id). A job of 2 minutes costs about 10
 * polls; 10,000 long jobs in flight about 330 a second. When the provider was given a webhook, it
 * wakes the job itself and polling is only the backstop for a lost call: every 60 s.
 */
export function pollDelay(elapsedSeconds: number, webhook = false, key = ""): number {
  if (webhook) return 60;
  const base = Math.min(30, Math.max(MIN_SECONDS, elapsedSeconds / 3));
  return Math.max(1, Math.round(base * spread(`${key}:${Math.floor(elapsedSeconds)}`)));
}

/** A factor in [0.8, 1.2], fixed for `text` (FNV-1a), so that tests on a fake clock repeat. */
export function spread(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return 0.8 + 0.4 * ((hash >>> 0) / 0xffffffff);
}
