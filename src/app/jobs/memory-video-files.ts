// VideoFiles in memory: the twin of LocalVideoFiles for fast engine tests. Nothing is downloaded
// or run: a result URL becomes a pretend local file of a stated size, which fits any limit it is
// under (else a link), and a URL listed in `notVideos` fails to fit as ffprobe makes a non-video
// fail (an error with code "not_a_video").

import type { Delivery, LocalVideo, VideoFiles } from "./ports.ts";

export class MemoryVideoFiles implements VideoFiles {
  /** Result URLs whose file is not a video. */
  readonly notVideos = new Set<string>();
  /** Every URL fetched, in order. */
  readonly fetched: string[] = [];
  sizeBytes = 1_000_000;

  async fetch(jobId: string, url: string): Promise<LocalVideo> {
    this.fetched.push(url);
    return { path: `/memory/${jobId}.mp4`, sizeBytes: this.sizeBytes };
  }

  async fit(video: LocalVideo, limitBytes: number, url: string): Promise<Delivery> {
    if (this.notVideos.has(url))
      throw Object.assign(new Error("The provider's file is not a playable video (no video stream)."), {
        code: "not_a_video",
      });
    return video.sizeBytes <= limitBytes
      ? { kind: "file", path: video.path, sizeBytes: video.sizeBytes }
      : { kind: "link", url, sizeBytes: video.sizeBytes, reason: "over the upload limit" };
  }

  async lastFrame(jobId: string, _videoUrl: string): Promise<string> {
    return `/memory/${jobId}.last.png`;
  }
}
