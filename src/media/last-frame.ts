// A video's last frame as a PNG: what "Extend" starts the next video from. ffmpeg seeks to just
// before the end (-sseof) and keeps the final decoded frame (-update 1 overwrites one image).

import { stat } from "node:fs/promises";
import { run } from "./ffmpeg.ts";

export async function extractLastFrame(videoPath: string, outPath: string): Promise<string> {
  const attempt = (seek: readonly string[]) =>
    run("ffmpeg", [
      "-y",
      "-v",
      "error",
      ...seek,
      "-i",
      videoPath,
      "-update",
      "1",
      "-frames:v",
      "100",
      outPath,
    ]);
  // Half a second before the end holds the last frame of any real video; a shorter one from the start.
  await attempt(["-sseof", "-0.5"]).catch(() => attempt([]));
  const written = await stat(outPath).catch(() => undefined);
  if (written === undefined || written.size === 0) throw new Error("the video has no frame to continue from");
  return outPath;
}
