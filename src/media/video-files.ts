import { statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Delivery, LocalVideo, VideoFiles } from "../app/jobs/ports.ts";
import { downloadVideo, type MediaPolicy } from "./fetch.ts";
import { fitVideo } from "./fit-video.ts";

/**
 * Finished videos made local: the preview provider's are files already (file:// URLs under its
 * own folder); a provider's are streamed from allowed hosts into `dir`.
 */
export class LocalVideoFiles implements VideoFiles {
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

  async fetch(jobId: string, url: string): Promise<LocalVideo> {
    if (url.startsWith("file:")) {
      const path = fileURLToPath(url);
      // Only the preview provider's own folder: a provider can't make us read any file.
      if (!path.startsWith(`${this.#previewDir}/`))
        throw new Error("file links are accepted from the preview provider only");
      return { path, sizeBytes: statSync(path).size };
    }
    await mkdir(this.#dir, { recursive: true });
    const path = join(this.#dir, `${jobId.replace(/[^\w-]/gu, "")}.mp4`);
    const { bytes } = await downloadVideo(url, path, this.#policy);
    return { path, sizeBytes: bytes };
  }
}
