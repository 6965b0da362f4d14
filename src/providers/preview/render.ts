// The preview provider's renderer: a real MP4 made locally with ffmpeg, clearly labelled as a
// preview. Text-to-video: a title card with the prompt, gently moving. Image-to-video: a slow
// zoom over the image. First + last frame: the first image fading into the last. A 440 Hz tone
// when audio is on.

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fontFile } from "../../media/binaries.ts";
import { run } from "../../media/ffmpeg.ts";

export const PREVIEW_LABEL = "framecast PREVIEW - not a PixVerse video";

export interface RenderJob {
  readonly prompt: string;
  readonly width: number;
  readonly height: number;
  readonly durationSeconds: number;
  readonly audio: boolean;
  /** Local image files: none, the first frame, or first and last. */
  readonly images: readonly string[];
  readonly outputPath: string;
  /** A folder for the text files drawtext reads (no escaping of user text on a command line). */
  readonly workDir: string;
}

const FPS = 24;

/** Wraps a prompt into lines of about `width` characters, at most `lines` lines. */
export function wrapText(text: string, width: number, lines: number): string {
  const words = text.replace(/\s+/gu, " ").trim().split(" ");
  const out: string[] = [];
  let line = "";
  for (const word of words) {
    if (line !== "" && [...`${line} ${word}`].length > width) {
      out.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") out.push(line);
  if (out.length > lines) return [...out.slice(0, lines - 1), `${out[lines - 1]} …`].join("\n");
  return out.join("\n");
}

export async function renderPreview(job: RenderJob, signal?: AbortSignal): Promise<void> {
  const { width: w, height: h, durationSeconds: d } = job;
  const promptFile = join(job.workDir, "prompt.txt");
  const labelFile = join(job.workDir, "label.txt");
  await writeFile(promptFile, wrapText(job.prompt, Math.max(12, Math.floor(w / (h / 18) / 0.6)), 6));
  await writeFile(labelFile, PREVIEW_LABEL);
  // The font comes with npm install: a machine without fonts has nothing for fontconfig to find.
  const font = `fontfile='${fontFile()}'`;
  const label = `drawtext=${font}:textfile='${labelFile}':fontcolor=0xfbbf24:fontsize=${Math.max(8, Math.round(Math.min(h / 26, w / (PREVIEW_LABEL.length * 0.62))))}:x=(w-text_w)/2:y=h/14:box=1:boxcolor=black@0.55:boxborderw=6`;
  const args: string[] = ["-v", "error", "-y"];
  let filter: string;
  if (job.images.length === 0) {
    args.push("-f", "lavfi", "-i", `color=c=0x1e293b:s=${w}x${h}:d=${d}:r=${FPS}`);
    filter = `[0:v]drawtext=${font}:textfile='${promptFile}':fontcolor=white:fontsize=${Math.max(10, Math.round(h / 18))}:line_spacing=${Math.round(h / 60)}:x=(w-text_w)/2:y=(h-text_h)/2+sin(t*1.3)*h/30,${label}[v]`;
  } else {
    const cover = (i: number): string =>
      `[${i}:v]scale=${w * 2}:${h * 2}:force_original_aspect_ratio=increase,crop=${w * 2}:${h * 2},setsar=1`;
    const zoom = `zoompan=z='min(zoom+0.0012,1.25)':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=${Math.ceil(d * FPS)}:s=${w}x${h}:fps=${FPS}`;
    for (const image of job.images) args.push("-loop", "1", "-t", String(d), "-i", image);
    filter =
      job.images.length === 1
        ? `${cover(0)},${zoom},trim=duration=${d},${label}[v]`
        : // The last image fades in over the first (alpha fade + overlay: the bundled ffmpeg 4.1 has no xfade).
          `${cover(0)},${zoom},trim=duration=${d}[a0];${cover(1)},${zoom},trim=duration=${d},format=yuva420p,fade=t=in:st=${(d / 4).toFixed(3)}:d=${(d / 2).toFixed(3)}:alpha=1[a1];[a0][a1]overlay=format=auto,trim=duration=${d},${label}[v]`;
  }
  const audioIndex = job.images.length === 0 ? 1 : job.images.length;
  if (job.audio) args.push("-f", "lavfi", "-i", `sine=frequency=440:sample_rate=44100:duration=${d}`);
  args.push("-filter_complex", filter, "-map", "[v]");
  if (job.audio) args.push("-map", `${audioIndex}:a`, "-c:a", "aac", "-b:a", "64k");
  args.push(
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-pix_fmt",
    "yuv420p",
    "-r",
    String(FPS),
    "-t",
    String(d),
    "-movflags",
    "+faststart",
    job.outputPath,
  );
  await run("ffmpeg", args, signal);
}
