// Running ffmpeg and ffprobe (binaries.ts says which: configured, the system's or the bundled
// build). A missing binary is a clear error saying what to do, never a stack trace.

import { spawn } from "node:child_process";
import { type MediaBinary, resolveBinary } from "./binaries.ts";

export class FfmpegMissingError extends Error {
  constructor(binary: string) {
    super(
      `${binary} was not found: not on PATH, and npm install brought no build for this platform. Install it (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg) or set FFMPEG_PATH and FFPROBE_PATH, then start again.`,
    );
    this.name = "FfmpegMissingError";
  }
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `binary args`; rejects with the tail of stderr on a non-zero exit. */
export async function run(
  binary: MediaBinary,
  args: readonly string[],
  signal?: AbortSignal,
): Promise<RunResult> {
  const found = await resolveBinary(binary);
  if (found === undefined) throw new FfmpegMissingError(binary);
  return new Promise((resolve, reject) => {
    const child = spawn(found.path, args, {
      stdio: ["ignore", "pipe", "pipe"],
      ...(signal ? { signal } : {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr = (stderr + d).slice(-4000);
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" ? new FfmpegMissingError(binary) : error),
    );
    child.on("close", (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else
        reject(
          new Error(`${binary} exited with ${code}: ${stderr.trim().split("\n").slice(-3).join(" | ")}`),
        );
    });
  });
}

export interface MediaInfo {
  readonly durationSeconds: number;
  readonly width: number;
  readonly height: number;
  readonly hasAudio: boolean;
  readonly videoCodec: string | undefined;
}

/** What ffprobe says of a media file. */
export async function probe(path: string): Promise<MediaInfo> {
  const { stdout } = await run("ffprobe", [
    "-v",
    "error",
    "-show_entries",
    "format=duration:stream=codec_type,codec_name,width,height",
    "-of",
    "json",
    path,
  ]);
  const info = JSON.parse(stdout) as {
    format?: { duration?: string };
    streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number }[];
  };
  const video = info.streams?.find((s) => s.codec_type === "video");
  return {
    durationSeconds: Number(info.format?.duration ?? Number.NaN),
    width: video?.width ?? 0,
    height: video?.height ?? 0,
    hasAudio: info.streams?.some((s) => s.codec_type === "audio") ?? false,
    videoCodec: video?.codec_name,
  };
}
