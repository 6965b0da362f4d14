// Quota periods are calendar windows in UTC: a day starts at 00:00, a week on Monday, a month on
// the 1st. A counter row belongs to one window, keyed by the window's start.

export const PERIODS = ["day", "week", "month"] as const;
export type Period = (typeof PERIODS)[number];

const DAY_MS = 86_400_000;

export function periodStart(period: Period, now: Date): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  switch (period) {
    case "day":
      return new Date(Date.UTC(y, m, d));
    case "week": {
      const mondayOffset = (now.getUTCDay() + 6) % 7;
      return new Date(Date.UTC(y, m, d) - mondayOffset * DAY_MS);
    }
    case "month":
      return new Date(Date.UTC(y, m, 1));
  }
}

export function periodEnd(period: Period, now: Date): Date {
  const start = periodStart(period, now);
  switch (period) {
    case "day":
      return new Date(start.getTime() + DAY_MS);
    case "week":
      return new Date(start.getTime() + 7 * DAY_MS);
    case "month":
      return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  }
}

/** "5 h 12 m", "3 d 4 h", "45 s": how long until `later`, to the two largest units. */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} m` : `${hours} h`;
  if (minutes > 0) return `${minutes} m`;
  return `${s} s`;
}

/** "today", "this week", "this month". */
export const PERIOD_WORDS: Readonly<Record<Period, string>> = {
  day: "today",
  week: "this week",
  month: "this month",
};
