// What Continue shows: the plan when a chain starts, the joined video, and why a chain stopped.

import { CATALOG } from "../catalog.ts";
import { formatSeconds } from "../jobs/eta.ts";
import { jobRef } from "../jobs/ref.ts";
import type { Cost } from "../pricing.ts";
import type { VideoRequest } from "../request.ts";
import { costLine } from "./request.ts";
import type { View } from "./view.ts";

/** Told privately when a chain starts: how many segments, their price, the joined length. */
export function chainPlanView(plan: {
  readonly segments: number;
  readonly segmentSeconds: number;
  readonly targetSeconds: number;
  readonly cost: Cost;
}): View {
  const each = plan.segments === 1 ? "One more segment" : `${plan.segments} more segments`;
  return {
    tone: "info",
    title: "Continuing your video",
    private: true,
    blocks: [
      {
        kind: "text",
        text: `${each} of ${plan.segmentSeconds} s${plan.segments === 1 ? "" : " each"}, ${costLine(plan.cost)} apiece, charged as it is made. When ${plan.segments === 1 ? "it is" : "they are"} done, the whole ${plan.targetSeconds} s video is posted as one file.`,
      },
    ],
  };
}

export interface JoinedSnapshot {
  readonly request: VideoRequest;
  /** The joined file's length, in seconds. */
  readonly seconds: number;
  /** Every job whose video is in the file, in order. */
  readonly jobIds: readonly string[];
  /** Credits charged for the chain's own segments. */
  readonly credits: number;
  /** Set when the chain stopped before its full length: why. */
  readonly stopped?: string;
}

/** The joined video's message; its Continue button continues from the last segment. */
export function joinedView(s: JoinedSnapshot): View {
  const last = s.jobIds.at(-1) ?? "";
  return {
    tone: s.stopped === undefined ? "success" : "warning",
    title: s.stopped === undefined ? "Your continued video is ready" : "Continue stopped early",
    subject: last,
    blocks: [
      { kind: "text", text: s.request.prompt },
      {
        kind: "fields",
        items: [
          [
            "Video",
            `${CATALOG[s.request.model].label} · ${formatSeconds(s.seconds)} joined from ${s.jobIds.length} videos`,
          ],
          ["Segments", s.jobIds.map(jobRef).join(" → ")],
          ["Cost", `${s.credits} credits for the new segments, each charged when it was made`],
          ...(s.stopped === undefined ? [] : ([["Why", s.stopped]] as [string, string][])),
        ],
      },
      { kind: "buttons", buttons: [{ action: "continue", label: "Continue", style: "primary" }] },
    ],
  };
}

/** Told when a chain ends without a joined video (nothing new was made, or joining failed). */
export function chainStoppedView(reason: string): View {
  return {
    tone: "warning",
    title: "Continue stopped",
    private: true,
    blocks: [{ kind: "text", text: reason }],
  };
}
