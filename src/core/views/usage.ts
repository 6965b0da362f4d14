import type { Preferences } from "../preferences/preferences.ts";
import { formatSpan, PERIOD_WORDS, PERIODS, type Period } from "../quota/periods.ts";
import type { Limits, Usage } from "../quota/policy.ts";
import { preferenceBlocks } from "./preferences.ts";
import type { View } from "./view.ts";

export interface PeriodUsage {
  readonly period: Period;
  readonly used: Usage;
  readonly limits: Limits | null;
  readonly resetsAt: Date;
}

const cell = (used: number, limit: number | null | undefined, unit = ""): string =>
  limit === null || limit === undefined
    ? `${used}${unit} (no limit)`
    : `${used}${unit} of ${limit}${unit} · ${Math.max(0, limit - used)}${unit} left`;

/** /framecast usage: what a person used and has left in each period. */
export function usageView(
  periods: readonly PeriodUsage[],
  now: Date,
  concurrent: number | null,
  mine: { readonly prefs: Preferences; readonly setAside: readonly string[] } = { prefs: {}, setAside: [] },
): View {
  const rows = PERIODS.map((period) => {
    const p = periods.find((x) => x.period === period);
    const used = p?.used ?? { videos: 0, seconds: 0, credits: 0 };
    return [
      PERIOD_WORDS[period],
      cell(used.videos, p?.limits?.videos),
      cell(used.seconds, p?.limits?.seconds, " s"),
      cell(used.credits, p?.limits?.credits),
      p === undefined ? "" : formatSpan(p.resetsAt.getTime() - now.getTime()),
    ];
  });
  return {
    tone: "info",
    title: "Your framecast usage",
    private: true,
    blocks: [
      { kind: "table", headers: ["period", "videos", "video seconds", "credits", "resets in"], rows },
      {
        kind: "text",
        text: `${concurrent === null ? "No limit on jobs at once." : `Up to ${concurrent} of your jobs run at once; more wait in line.`} Failed videos are refunded. Days, weeks (from Monday) and months are in UTC.`,
      },
      { kind: "text", text: "Your preferences (/framecast prefer):" },
      ...preferenceBlocks(mine.prefs, mine.setAside),
    ],
  };
}
