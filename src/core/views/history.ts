import { CATALOG } from "../catalog.ts";
import { jobRef } from "../jobs/ref.ts";
import type { JobState } from "../jobs/states.ts";
import type { Cost } from "../pricing.ts";
import { formatSpan } from "../quota/periods.ts";
import type { VideoRequest } from "../request.ts";
import type { View } from "./view.ts";

/** One past job, as /framecast history lists it. */
export interface HistoryEntry {
  readonly id: string;
  readonly state: JobState;
  readonly request: VideoRequest;
  readonly cost: Cost;
  readonly createdAt: Date;
}

const PROMPT_CHARS = 40;

const STATE_WORDS: Readonly<Record<JobState, string>> = {
  queued: "queued",
  submitting: "starting",
  running: "generating",
  delivering: "uploading",
  delivered: "delivered",
  failed: "failed",
  moderated: "stopped by content checks",
  canceled: "cancelled",
  timed_out: "timed out",
};

/** "a fox running through…": at most PROMPT_CHARS characters (code points), on one line. */
export function shortPrompt(prompt: string): string {
  const flat = prompt.replace(/\s+/gu, " ").trim();
  const chars = [...flat];
  return chars.length <= PROMPT_CHARS ? flat : `${chars.slice(0, PROMPT_CHARS - 1).join("")}…`;
}

/** What a job cost the person: charged when delivered, refunded when it ended otherwise. */
function costCell(entry: HistoryEntry): string {
  const credits = `${entry.cost.credits} cr`;
  if (entry.state === "delivered") return credits;
  if (
    entry.state === "failed" ||
    entry.state === "moderated" ||
    entry.state === "canceled" ||
    entry.state === "timed_out"
  )
    return "refunded";
  return `${credits} held`;
}

/**
 * /framecast history: a person's most recent jobs here, newest first (private). `hint`: how to
 * use a job's id on this platform.
 */
export function historyView(entries: readonly HistoryEntry[], now: Date, hint?: string): View {
  if (entries.length === 0) {
    return {
      tone: "info",
      title: "Your recent videos",
      private: true,
      blocks: [{ kind: "text", text: "You haven't made any videos here yet. Try /video a fox in snow." }],
    };
  }
  const rows = entries.map((e) => [
    jobRef(e.id),
    STATE_WORDS[e.state],
    shortPrompt(e.request.prompt),
    `${CATALOG[e.request.model].label} · ${e.request.duration} s · ${e.request.quality}`,
    costCell(e),
    `${formatSpan(now.getTime() - e.createdAt.getTime())} ago`,
  ]);
  return {
    tone: "info",
    title: "Your recent videos",
    private: true,
    blocks: [
      { kind: "table", headers: ["job", "state", "prompt", "video", "cost", "when"], rows },
      ...(hint === undefined ? [] : [{ kind: "text" as const, text: hint }]),
    ],
  };
}
