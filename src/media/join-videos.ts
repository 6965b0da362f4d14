// Joins a Continue chain's segments into one MP4, in order, sound kept. Segments may differ in
// size, frame rate or audio (a provider's extend keeps the source's size, but a fallback or an
// older video may not): each is fitted into the first one's frame (scaled, padded), set to one
// frame rate, and given silence where it has no sound, so the concat filter can join them. The
// bundled ffmpeg is 4.1: concat, scale, pad, fps and anullsrc are all there.

import { type MediaInfo, probe, run } from "./ffmpeg.ts";

const FPS = 24;

/** The filter graph for `inputs` (their probes), into a frame of `width`×`height`. */
export function joinFilter(inputs: readonly MediaInfo[], width: number, height: number): string {
  const withSound = inputs.some((i) => i.hasAudio);
  const parts = inputs.map((info, i) => {
    const video = `[${i}:v]scale=${width}:${height}:force_original_aspect_ratio=decrease,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=${FPS},format=yuv420p[v${i}]`;
    if (!withSound) return video;
    const audio = info.hasAudio
      ? `[${i}:a]aresample=44100,aformat=sample_fmts=fltp:channel_layouts=stereo[a${i}]`
      : `anullsrc=r=44100:cl=stereo,atrim=duration=${info.durationSeconds.toFixed(3)},aformat=sample_fmts=fltp[a${i}]`;
    return `${video};${audio}`;
  });
  const pads = inputs.map((_, i) => (withSound ? `[v${i}][a${i}]` : `[v${i}]`)).join("");
  return `${parts.join(";")};${pads}concat=n=${inputs.length}:v=1:a=${withSound ? 1 : 0}${withSound ? "[v][a]" : "[v]"}`;
}

/** Joins the videos at `paths` into `outPath`; resolves with what the joined file is. */
export async function joinVideos(paths: readonly string[], outPath: string): Promise<MediaInfo> {
  if (paths.length === 0) throw new Error("nothing to join");
  const inputs = await Promise.all(paths.map((p) => probe(p)));
  const first = inputs[0] as MediaInfo;
  const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);
  const [width, height] = [even(first.width), even(first.height)];
  const withSound = inputs.some((i) => i.hasAudio);
  await run("ffmpeg", [
    "-v",
    "error",
    "-y",
    ...paths.flatMap((p) => ["-i", p]),
    "-filter_complex",
    joinFilter(inputs, width, height),
    "-map",
    "[v]",
    ...(withSound ? ["-map", "[a]", "-c:a", "aac", "-b:a", "128k"] : []),
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-pix_fmt",
    "yuv420p",
    "-movflags",
    "+faststart",
    outPath,
  ]);
  return probe(outPath);
}
