// One click, one job. A button that starts a video (Regenerate, New seed, Extend, 1080p) names its
// new job after the click: the message's job, the action and a short time window of the click
// (the platform's own time of it). A double click, two instances receiving it, or a replayed
// signed request land in the same or a neighbouring window, so the second finds the first job
// (the job's primary key, or the neighbours' check done under a lock in the same transaction)
// and is told it already started, with nothing reserved or charged twice.

import type { ChatEvent } from "../../core/chat-event.ts";
import { jobIdFor } from "../../core/request-id.ts";
import type { View } from "../../core/views/view.ts";

/** Clicks closer than this are one click; twice as far apart, never. */
export const CLICK_WINDOW_MS = 5_000;

export interface Click {
  /** The job this click makes. */
  readonly jobId: string;
  /** The jobs the same click made in the windows either side (a repeat across a boundary). */
  readonly neighbourJobIds: readonly string[];
  /** Serialises the neighbours' check with a concurrent repeat (any instance). */
  readonly lock: string;
}

export function clickOf(event: ChatEvent, action: string, subject: string, now: Date): Click {
  const { platform, workspaceId } = event.conversation;
  const at = (event.input.kind === "button" ? event.input.clickedAt : undefined) ?? now;
  const window = Math.floor(at.getTime() / CLICK_WINDOW_MS);
  const key = `click:${workspaceId}:${subject}:${action}`;
  const id = (w: number): string => jobIdFor(platform, `${key}:${w}`);
  return { jobId: id(window), neighbourJobIds: [id(window - 1), id(window + 1)], lock: `${platform}:${key}` };
}

export const alreadyStartedView = (): View => ({
  tone: "info",
  title: "Already started",
  private: true,
  blocks: [
    {
      kind: "text",
      text: "That button was just pressed and its video is on its way. Nothing more was charged.",
    },
  ],
});
