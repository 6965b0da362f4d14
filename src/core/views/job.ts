import { CATALOG } from "../catalog.ts";
import { etaSeconds, formatSeconds } from "../jobs/eta.ts";
import { jobRef } from "../jobs/ref.ts";
import type { JobState } from "../jobs/states.ts";
import type { Cost } from "../pricing.ts";
import type { VideoRequest } from "../request.ts";
import { providerLabel } from "./providers.ts";
import { costLine, optionFields, requestLine } from "./request.ts";
import type { Block, Button, Tone, View } from "./view.ts";

/** Everything a job's chat message shows, at one moment. */
export interface JobSnapshot {
  readonly jobId: string;
  readonly state: JobState;
  readonly request: VideoRequest;
  readonly cost: Cost;
  /** The provider's id; "preview" is labelled as such everywhere. */
  readonly provider: string;
  readonly queuePosition?: number;
  /** 0–100, when the provider tells. */
  readonly progress?: number;
  readonly createdAt: Date;
  readonly startedAt?: Date;
  readonly finishedAt?: Date;
  readonly now: Date;
  /** Real durations (s) of recent jobs with the same model, duration and quality. */
  readonly recentDurations: readonly number[];
  readonly seedUsed?: number | null;
  readonly videoUrl?: string;
  readonly error?: string;
}

const BAR = 12;

/** "▰▰▰▰▰▱▱▱▱▱▱▱ 42%" */
export function progressBar(percent: number): string {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  const filled = Math.round((p / 100) * BAR);
  return `${"▰".repeat(filled)}${"▱".repeat(BAR - filled)} ${p}%`;
}

const TITLES: Readonly<Record<JobState, (s: JobSnapshot) => string>> = {
  queued: (s) => (s.queuePosition === undefined ? "Queued" : `Queued · #${s.queuePosition} in line`),
  submitting: () => "Starting",
  running: (s) => (s.progress === undefined ? "Generating" : `Generating · ${Math.round(s.progress)}%`),
  delivering: () => "Uploading the video",
  delivered: () => "Your video is ready",
  failed: () => "The video could not be made",
  moderated: () => "The provider's content checks stopped this video",
  canceled: () => "Cancelled",
  timed_out: () => "The video took too long and was stopped",
};

const TONES: Readonly<Record<JobState, Tone>> = {
  queued: "info",
  submitting: "info",
  running: "info",
  delivering: "info",
  delivered: "success",
  failed: "error",
  moderated: "warning",
  canceled: "warning",
  timed_out: "error",
};

function buttons(s: JobSnapshot): Button[] {
  if (s.state === "queued" || s.state === "submitting" || s.state === "running") {
    return [{ action: "cancel", label: "Cancel", style: "danger" }];
  }
  if (s.state !== "delivered") return [{ action: "regenerate", label: "Try again", style: "primary" }];
  const spec = CATALOG[s.request.model];
  const can1080 = s.request.quality !== "1080p" && !spec.durationsNotAt1080p.includes(s.request.duration);
  return [
    { action: "regenerate", label: "Regenerate", style: "secondary" },
    { action: "new_seed", label: "New seed", style: "secondary" },
    { action: "extend", label: "Extend", style: "secondary" },
    { action: "continue", label: "Continue", style: "secondary" },
    ...(can1080 ? [{ action: "upscale_1080p", label: "1080p", style: "primary" as const }] : []),
  ];
}

/** A job's message as a view: the same model renders on Discord, Slack and the console. */
export function jobView(s: JobSnapshot): View {
  const blocks: Block[] = [{ kind: "text", text: s.request.prompt }];
  const elapsed = ((s.finishedAt ?? s.now).getTime() - (s.startedAt ?? s.createdAt).getTime()) / 1000;
  if (s.state === "running" || s.state === "submitting") {
    const eta = etaSeconds(elapsed, s.recentDurations);
    const bar = s.progress === undefined ? undefined : progressBar(s.progress);
    blocks.push({
      kind: "text",
      text: [
        bar,
        `${formatSeconds(elapsed)} elapsed`,
        eta === undefined ? undefined : `about ${formatSeconds(eta)} left`,
      ]
        .filter(Boolean)
        .join(" · "),
    });
  }
  const fields: [string, string][] = [
    ["Video", `${CATALOG[s.request.model].label} · ${requestLine(s.request)}`],
    ...optionFields(s.request).filter(([label]) => label !== "Seed"),
  ];
  const seed = seedShown(s);
  if (seed !== undefined) fields.push(["Seed", seed]);
  fields.push(
    [
      "Cost",
      s.state === "delivered"
        ? costLine(s.cost, "charged")
        : isRefunded(s.state)
          ? "refunded, nothing charged"
          : `${costLine(s.cost)}, charged only when delivered`,
    ],
    ["Provider", providerLabel(s.provider)],
    ["Job", jobRef(s.jobId)],
  );
  if (s.state === "delivered") fields.push(["Took", formatSeconds(elapsed)]);
  if (s.error !== undefined && s.state !== "delivered") fields.push(["Why", s.error]);
  blocks.push({ kind: "fields", items: fields });
  blocks.push({ kind: "buttons", buttons: buttons(s) });
  return { tone: TONES[s.state], title: TITLES[s.state](s), blocks, subject: s.jobId };
}

/**
 * The seed: once delivered, the one the provider reports it used, else the one asked for, else
 * "random" (the provider chose one and didn't say which); before that, only a seed asked for.
 */
function seedShown(s: JobSnapshot): string | undefined {
  const asked = s.request.seed ?? undefined;
  if (s.state !== "delivered") return asked === undefined ? undefined : String(asked);
  const used = s.seedUsed ?? asked;
  return used === undefined ? "random" : String(used);
}

const isRefunded = (state: JobState): boolean =>
  state === "failed" || state === "moderated" || state === "canceled" || state === "timed_out";
