// The offline "preview" provider: what `npm start` uses with no provider key, and what end-to-end
// tests use. It renders a real MP4 locally with ffmpeg (render.ts), takes FRAMECAST_PREVIEW_SECONDS
// (default 4) with progress along the way, and labels every video as a preview, never PixVerse.

import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type {
  FetchImage,
  ProviderJob,
  ProviderStatus,
  SubmitOptions,
  Support,
  VideoProvider,
} from "../../app/generation/ports.ts";
import { frameSize, frameSizeFor } from "../../core/frame-size.ts";
import type { VideoRequest } from "../../core/request.ts";
import { probe } from "../../media/ffmpeg.ts";
import { renderPreview } from "./render.ts";

export interface PreviewOptions {
  /** Where finished previews are kept (a job's video is `<outputDir>/<job id>.mp4`). */
  readonly outputDir: string;
  /** How long a preview pretends to take, with progress; 0 for as fast as ffmpeg goes. */
  readonly previewSeconds: number;
  /** Reads an input image (the engine's media fetcher, with its host and size checks). */
  readonly fetchImage: FetchImage;
  readonly now?: () => number;
}

interface Running {
  readonly startedAt: number;
  readonly size: { width: number; height: number };
  readonly durationSeconds: number;
  outcome: { ok: true } | { ok: false; message: string } | undefined;
}

export class PreviewProvider implements VideoProvider {
  readonly id = "preview" as const;
  readonly #options: PreviewOptions;
  readonly #now: () => number;
  readonly #jobs = new Map<string, Running>();
  readonly #renders = new Map<string, Promise<void>>();

  constructor(options: PreviewOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  supports(_request: VideoRequest): Support {
    return { ok: true };
  }

  async submit(request: VideoRequest, options: SubmitOptions): Promise<ProviderJob> {
    const id = randomUUID();
    const workDir = join(this.#options.outputDir, `${id}.work`);
    await mkdir(workDir, { recursive: true });
    const images: string[] = [];
    let size = frameSize(request.ratio ?? "16:9", request.quality);
    try {
      for (const [i, url] of [request.firstFrame, request.lastFrame].entries()) {
        if (url === null) continue;
        const image = await this.#options.fetchImage(url, options.owner);
        const path = join(workDir, `frame${i}.${image.mimeType.split("/")[1] ?? "img"}`);
        await writeFile(path, image.bytes);
        images.push(path);
      }
      if (request.ratio === null && images[0] !== undefined) {
        const picture = await probe(images[0]);
        if (picture.width > 0 && picture.height > 0)
          size = frameSizeFor(picture.width, picture.height, request.quality);
      }
    } catch (error) {
      await rm(workDir, { recursive: true, force: true });
      throw error;
    }
    const running: Running = {
      startedAt: this.#now(),
      size,
      durationSeconds: request.duration,
      outcome: undefined,
    };
    this.#jobs.set(id, running);
    const render = renderPreview(
      {
        prompt: request.prompt,
        ...size,
        durationSeconds: request.duration,
        audio: request.audio,
        images,
        outputPath: this.#output(id),
        workDir,
      },
      options.signal,
    )
      // The work folder (drawtext's text files, the input images) is only for the render.
      .finally(() => rm(workDir, { recursive: true, force: true }))
      .then(
        () => {
          running.outcome = { ok: true };
        },
        (error: unknown) => {
          running.outcome = { ok: false, message: error instanceof Error ? error.message : String(error) };
        },
      );
    this.#renders.set(id, render);
    return { provider: "preview", id };
  }

  async status(job: ProviderJob): Promise<ProviderStatus> {
    if (!/^[0-9a-f-]{36}$/u.test(job.id)) {
      return {
        state: "failed",
        code: "preview_unknown_job",
        message: "This is not a preview job.",
        retryable: false,
      };
    }
    const running = this.#jobs.get(job.id);
    if (running === undefined) {
      // Rendered before a restart: the file is the proof. Otherwise the render died with the process.
      return existsSync(this.#output(job.id))
        ? { state: "succeeded", videoUrl: pathToFileURL(this.#output(job.id)).href }
        : {
            state: "failed",
            code: "preview_lost_on_restart",
            message: "The preview was being rendered by a process that stopped.",
            retryable: true,
          };
    }
    if (running.outcome?.ok === false) {
      return {
        state: "failed",
        code: "preview_render_failed",
        message: `The preview could not be rendered: ${running.outcome.message}`,
        retryable: false,
      };
    }
    const elapsed = (this.#now() - running.startedAt) / 1000;
    const target = this.#options.previewSeconds;
    if (running.outcome?.ok === true && elapsed >= target) {
      return {
        state: "succeeded",
        videoUrl: pathToFileURL(this.#output(job.id)).href,
        durationSeconds: running.durationSeconds,
        width: running.size.width,
        height: running.size.height,
      };
    }
    const progress = target <= 0 ? 50 : Math.min(99, Math.floor((elapsed / target) * 100));
    return { state: "running", progress };
  }

  /** Resolves when this process's render of `job` has finished (for the engine and tests). */
  async rendered(job: ProviderJob): Promise<void> {
    await this.#renders.get(job.id);
  }

  #output(id: string): string {
    return join(this.#options.outputDir, `${id}.mp4`);
  }
}
