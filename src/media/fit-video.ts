// Fitting a finished video to a chat platform's upload limit (Discord: 10 MiB by default). It is
// probed first (a file ffprobe can't read is no video, and is not charged for); then it goes as it
// is when it fits; else re-encode it with ffmpeg at the bitrate that fits (smaller frames
// when the bitrate gets low); else, when even that would look too poor, post a link to the
// provider's file with a poster frame. planFit decides (pure); fitVideo does it.

import { statSync } from "node:fs";
import { join } from "node:path";
import type { Delivery, LocalVideo } from "../app/jobs/ports.ts";
import { FfmpegMissingError, type MediaInfo, probe, run } from "./ffmpeg.ts";

/** The provider's file is not a video ffprobe can read: nothing to post, and nothing to charge. */
export class NotAVideoError extends Error {
  readonly code = "not_a_video";
  constructor(detail: string) {
    super(`The provider's file is not a playable video (${detail}).`);
    this.name = "NotAVideoError";
  }
}

export type FitPlan =
  | { readonly action: "as_is" }
  | {
      readonly action: "transcode";
      readonly videoKbps: number;
      readonly audioKbps: number;
      /** Frame height to scale down to, if smaller than the source's. */
      readonly maxHeight: number;
    }
  | { readonly action: "link"; readonly reason: string };

/** Below this the picture falls apart: a link to the full video is better than a smeared one. */
export const MIN_VIDEO_KBPS = 150;
/** Room left for the container and the encoder's overshoot. */
const HEADROOM = 0.9;

/** What to do with a video of `sizeBytes` and `info` where at most `limitBytes` may be uploaded. */
export function planFit(info: MediaInfo, sizeBytes: number, limitBytes: number, attempt = 1): FitPlan {
  if (sizeBytes <= limitBytes) return { action: "as_is" };
  if (!(info.durationSeconds > 0)) return { action: "link", reason: "its length could not be read" };
  const audioKbps = info.hasAudio ? 96 : 0;
  const totalKbps = (limitBytes * 8 * HEADROOM ** attempt) / 1000 / info.durationSeconds;
  const videoKbps = Math.floor(totalKbps - audioKbps);
  if (videoKbps < MIN_VIDEO_KBPS)
    return { action: "link", reason: "it is too long to fit the upload limit at a watchable quality" };
  const maxHeight = videoKbps < 600 ? 480 : videoKbps < 1500 ? 720 : 1080;
  return { action: "transcode", videoKbps, audioKbps, maxHeight };
}

/** The ffmpeg arguments for a transcode plan (H.264 + AAC, streamable MP4, even dimensions). */
export function transcodeArgs(
  input: string,
  output: string,
  plan: Extract<FitPlan, { action: "transcode" }>,
): string[] {
  const k = plan.videoKbps;
  return [
    "-y",
    "-v",
    "error",
    "-i",
    input,
    "-vf",
    `scale=-2:'min(${plan.maxHeight},ih)'`,
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-b:v",
    `${k}k`,
    "-maxrate",
    `${Math.floor(k * 1.2)}k`,
    "-bufsize",
    `${k * 2}k`,
    "-pix_fmt",
    "yuv420p",
    ...(plan.audioKbps > 0 ? ["-c:a", "aac", "-b:a", `${plan.audioKbps}k`] : ["-an"]),
    "-movflags",
    "+faststart",
    output,
  ];
}

/**
 * Makes `video` fit `limitBytes`: the file itself, a re-encoded copy next to it, or a link to
 * `sourceUrl` with a poster frame (a JPEG of its first second) when neither fits.
 */
export async function fitVideo(
  video: LocalVideo,
  limitBytes: number,
  sourceUrl: string,
  workDir: string,
): Promise<Delivery> {
  // Probed whatever its size: a truncated or wrong file must not be posted (or charged for).
  let info: MediaInfo;
  try {
    info = await probe(video.path);
  } catch (error) {
    // Without ffmpeg nothing can be checked or re-encoded: a file that fits still goes.
    if (error instanceof FfmpegMissingError && video.sizeBytes <= limitBytes)
      return { kind: "file", ...video };
    if (error instanceof FfmpegMissingError) throw error;
    throw new NotAVideoError(error instanceof Error ? error.message.slice(0, 200) : String(error));
  }
  if (info.videoCodec === undefined || !(info.durationSeconds > 0))
    throw new NotAVideoError("no video stream in it");
  if (video.sizeBytes <= limitBytes) return { kind: "file", ...video };
  const base = join(workDir, video.path.replace(/^.*\//u, "").replace(/\.\w+$/u, ""));
  let reason = "";
  for (let attempt = 1; attempt <= 2; attempt++) {
    const plan = planFit(info, video.sizeBytes, limitBytes, attempt);
    if (plan.action === "as_is") return { kind: "file", ...video };
    if (plan.action === "link") {
      reason = plan.reason;
      break;
    }
    const output = `${base}.fit${attempt}.mp4`;
    await run("ffmpeg", transcodeArgs(video.path, output, plan));
    const sizeBytes = statSync(output).size;
    if (sizeBytes <= limitBytes) return { kind: "file", path: output, sizeBytes, reencoded: true };
    reason = "even re-encoded it was larger than the upload limit";
  }
  const poster = `${base}.poster.jpg`;
  const posterPath = await run("ffmpeg", [
    "-y",
    "-v",
    "error",
    "-ss",
    String(Math.min(1, Math.max(0, info.durationSeconds / 2))),
    "-i",
    video.path,
    "-frames:v",
    "1",
    "-q:v",
    "3",
    poster,
  ]).then(
    () => poster,
    () => undefined, // a link without a poster is still a delivery
  );
  return {
    kind: "link",
    url: sourceUrl,
    sizeBytes: video.sizeBytes,
    reason,
    ...(posterPath === undefined ? {} : { posterPath }),
  };
}
