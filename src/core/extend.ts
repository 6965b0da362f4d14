// Extend and Continue, as pure rules: the request that continues a finished video with the
// provider's own extend, and how long a Continue chain may grow.

import type { ExtendSource, VideoRequest } from "./request.ts";

/**
 * The request that continues `request`'s finished video natively: the same prompt and settings
 * (a fresh seed; the video decides the shape, so no ratio and no frames), the source named.
 */
export function extendRequestOf(request: VideoRequest, source: ExtendSource): VideoRequest {
  return {
    ...request,
    mode: "extend",
    ratio: null,
    seed: null,
    firstFrame: null,
    lastFrame: null,
    source,
  };
}

/** How long a Continue chain's joined video may be where an admin set nothing. */
export const DEFAULT_CHAIN_SECONDS = 60;
/** What an admin may set the longest joined video to. */
export const CHAIN_SECONDS_MIN = 2;
export const CHAIN_SECONDS_MAX = 600;

/** A Continue asked for: the length so far, one segment's, and how much more is wanted. */
export interface ChainAsk {
  /** Seconds of video the chain starts from (the segments already made). */
  readonly madeSeconds: number;
  /** Seconds of each new segment (the continued video's own duration). */
  readonly segmentSeconds: number;
  /** Seconds to add; unset: one segment. */
  readonly addSeconds?: number;
  /** The workspace's limit on the joined video (null: the default). */
  readonly limitSeconds: number | null;
}

export type ChainPlan =
  | { readonly ok: true; readonly segments: number; readonly targetSeconds: number }
  | { readonly ok: false; readonly message: string };

/**
 * How many segments a Continue makes and the joined length it reaches, or why it can't: the
 * joined video would pass the workspace's limit. Segments are whole: asking for 7 s more with
 * 5 s segments makes two (10 s).
 */
export function planChain(ask: ChainAsk): ChainPlan {
  const limit = ask.limitSeconds ?? DEFAULT_CHAIN_SECONDS;
  const add = ask.addSeconds ?? ask.segmentSeconds;
  if (!Number.isInteger(add) || add < 1)
    return { ok: false, message: "Say how many seconds to add as a whole number, e.g. 10." };
  const segments = Math.ceil(add / ask.segmentSeconds);
  const targetSeconds = ask.madeSeconds + segments * ask.segmentSeconds;
  if (targetSeconds > limit) {
    const room = Math.floor((limit - ask.madeSeconds) / ask.segmentSeconds) * ask.segmentSeconds;
    return {
      ok: false,
      message: `That would make a ${targetSeconds} s video (${ask.madeSeconds} s so far and ${segments} × ${ask.segmentSeconds} s more); this workspace joins videos up to ${limit} s.${room > 0 ? ` There is room for ${room} s more.` : " This one can't grow any longer."} An admin sets the limit with /framecast admin continue max:<seconds>. Nothing was charged.`,
    };
  }
  return { ok: true, segments, targetSeconds };
}

/**
 * `/framecast continue <job> [seconds]`'s words: the job as typed, and the seconds to add if
 * given ("20", "20s", "seconds:20"); `seconds` is NaN when they can't be read.
 */
export function readContinueArgs(typed: string): { readonly job: string; readonly seconds?: number } {
  const [job = "", ...rest] = typed.trim().split(/\s+/u);
  if (rest.length === 0) return { job };
  const text = rest
    .join(" ")
    .replace(/^(?:seconds|secs|add)\s*[:=]\s*/iu, "")
    .replace(/\s*s$/iu, "");
  return { job, seconds: /^\d{1,4}$/u.test(text) ? Number(text) : Number.NaN };
}
