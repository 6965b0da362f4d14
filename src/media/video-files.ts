import { existsSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ChainFiles, JoinedVideo } from "../app/chains/ports.ts";
import type { Delivery, LocalVideo, VideoFiles } from "../app/jobs/ports.ts";
import { downloadVideo, type MediaPolicy } from "./fetch.ts";
import { fitVideo } from "./fit-video.ts";
import { joinVideos } from "./join-videos.ts";
import { extractLastFrame } from "./last-frame.ts";

/** A job id as a file name part. */
const safe = (jobId: string): string => jobId.replace(/[^\w-]/gu, "");

/**
 * Finished videos made local: the preview provider's are files already (file:// URLs under its
 * own folder); a provider's are streamed from allowed hosts into `dir`.
 */
export class LocalVideoFiles implements VideoFiles, ChainFiles {
  readonly #dir: string;
  readonly #policy: MediaPolicy;
  readonly #previewDir: string;

  constructor(dir: string, policy: MediaPolicy, previewDir: string) {
    this.#dir = dir;
    this.#policy = policy;
    this.#previewDir = previewDir;
  }

  async fit(video: LocalVideo, limitBytes: number, url: string): Promise<Delivery> {
    if (video.sizeBytes > limitBytes) await mkdir(this.#dir, { recursive: true });
    return fitVideo(video, limitBytes, url, this.#dir);
  }

  /** The finished video's last frame: from the file kept since delivery, else fetched again. */
  async lastFrame(jobId: string, videoUrl: string): Promise<string> {
    const kept = this.#localPath(jobId);
    const video =
      existsSync(kept) && !videoUrl.startsWith("file:") ? { path: kept } : await this.fetch(jobId, videoUrl);
    await mkdir(this.#dir, { recursive: true });
    return extractLastFrame(video.path, join(this.#dir, `${safe(jobId)}.last.png`));
  }

  /** A Continue chain's videos joined into `<dir>/<name>.mp4`. */
  async join(name: string, videos: readonly LocalVideo[]): Promise<JoinedVideo> {
    await mkdir(this.#dir, { recursive: true });
    const path = join(this.#dir, `${safe(name)}.mp4`);
    const info = await joinVideos(
      videos.map((v) => v.path),
      path,
    );
    return {
      path,
      sizeBytes: statSync(path).size,
      durationSeconds: info.durationSeconds,
      hasAudio: info.hasAudio,
    };
  }

  #localPath(jobId: string): string {
    return join(this.#dir, `${safe(jobId)}.mp4`);
  }

  async fetch(jobId: string, url: string): Promise<LocalVideo> {
    if (url.startsWith("file:")) {
      const path = fileURLToPath(url);
      // Only the preview provider's own folder: a provider can't make us read any file.
      if (!path.startsWith(`${this.#previewDir}/`))
        throw new Error("file links are accepted from the preview provider only");
      return { path, sizeBytes: statSync(path).size };
    }
    await mkdir(this.#dir, { recursive: true });
    const path = this.#localPath(jobId);
    const { bytes } = await downloadVideo(url, path, this.#policy);
    return { path, sizeBytes: bytes };
  }
}
