// The offline "preview" provider: what `npm start` uses with no provider key, and what end-to-end
// tests use. It renders a real MP4 locally with ffmpeg (render.ts), takes FRAMECAST_PREVIEW_SECONDS
// (default 4) with progress along the way, and labels every video as a preview, never PixVerse.
// Several processes on one database may each be asked about any job: a job is finished by the
// process rendering it (another on the same machine waits for it: owner.ts), or rendered again
// by the one asking, from the job's request. A finished file appears whole (renamed into place).

import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type {
  FetchImage,
  ImageOwner,
  ProviderJob,
  ProviderStatus,
  SubmitOptions,
  Support,
  VideoProvider,
} from "../../app/generation/ports.ts";
import { frameSize, frameSizeFor } from "../../core/frame-size.ts";
import type { VideoRequest } from "../../core/request.ts";
import { probe } from "../../media/ffmpeg.ts";
import { claim, type Renderer, readOwner, renderingElsewhere, thisProcess } from "./owner.ts";
import { renderPreview } from "./render.ts";

export interface PreviewOptions {
  /** Where finished previews are kept (a job's video is `<outputDir>/<job id>.mp4`). */
  readonly outputDir: string;
  /** How long a preview pretends to take, with progress; 0 for as fast as ffmpeg goes. */
  readonly previewSeconds: number;
  /** Reads an input image (the engine's media fetcher, with its host and size checks). */
  readonly fetchImage: FetchImage;
  readonly now?: () => number;
  /** This process as other processes see it (tests play several processes in one). */
  readonly renderer?: Renderer;
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
  readonly #me: Renderer;

  constructor(options: PreviewOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#me = options.renderer ?? thisProcess();
  }

  /** Every request; an extend only of a preview (it continues the preview's own file). */
  supports(request: VideoRequest): Support {
    return request.source === undefined || request.source.provider === "preview"
      ? { ok: true }
      : { ok: false, reason: "the preview extends only its own videos" };
  }

  async submit(request: VideoRequest, options: SubmitOptions): Promise<ProviderJob> {
    const id = randomUUID();
    await this.#start(id, request, options.signal, options.owner);
    return { provider: "preview", id };
  }

  /**
   * Renders job `id` in this process: into a work folder of its own, then renamed into place; the
   * work folder (drawtext's text files, the input images, the claim) is removed either way.
   */
  async #start(id: string, request: VideoRequest, signal?: AbortSignal, owner?: ImageOwner): Promise<void> {
    const jobDir = join(this.#options.outputDir, `${id}.work`);
    const workDir = join(jobDir, this.#me.token);
    await mkdir(workDir, { recursive: true });
    const startedAt = this.#now();
    await claim(jobDir, this.#me, startedAt);
    const images: string[] = [];
    let size = frameSize(request.ratio ?? "16:9", request.quality);
    try {
      for (const [i, url] of [request.firstFrame, request.lastFrame].entries()) {
        if (url === null) continue;
        const image = await this.#options.fetchImage(url, owner);
        const path = join(workDir, `frame${i}.${image.mimeType.split("/")[1] ?? "img"}`);
        await writeFile(path, image.bytes);
        images.push(path);
      }
      // The shape comes from the picture, or from the video an extend continues.
      const shapedBy = images[0] ?? this.#sourceFile(request);
      if (request.ratio === null && shapedBy !== undefined) {
        const picture = await probe(shapedBy);
        if (picture.width > 0 && picture.height > 0)
          size = frameSizeFor(picture.width, picture.height, request.quality);
      }
    } catch (error) {
      await rm(jobDir, { recursive: true, force: true });
      throw error;
    }
    const running: Running = { startedAt, size, durationSeconds: request.duration, outcome: undefined };
    this.#jobs.set(id, running);
    const rendered = join(workDir, "preview.mp4");
    const render = renderPreview(
      {
        prompt: request.prompt,
        ...size,
        durationSeconds: request.duration,
        audio: request.audio,
        images,
        outputPath: rendered,
        workDir,
      },
      signal,
    )
      .then(() => rename(rendered, this.#output(id)))
      .finally(() => rm(jobDir, { recursive: true, force: true }))
      .then(
        () => {
          running.outcome = { ok: true };
        },
        (error: unknown) => {
          running.outcome = { ok: false, message: error instanceof Error ? error.message : String(error) };
        },
      );
    this.#renders.set(id, render);
  }

  /**
   * `request` (the job's own) lets a process render again a job that another one started, when
   * that one can't finish it here (it stopped, or runs on another machine).
   */
  async status(job: ProviderJob, _signal?: AbortSignal, request?: VideoRequest): Promise<ProviderStatus> {
    if (!/^[0-9a-f-]{36}$/u.test(job.id)) {
      return {
        state: "failed",
        code: "preview_unknown_job",
        message: "This is not a preview job.",
        retryable: false,
      };
    }
    const running = this.#jobs.get(job.id);
    if (running === undefined) return this.#elsewhere(job.id, request);
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
    return { state: "running", progress: this.#progress(running.startedAt) };
  }

  /** A job this process isn't rendering: finished, rendering in another process here, or lost. */
  async #elsewhere(id: string, request: VideoRequest | undefined): Promise<ProviderStatus> {
    if (existsSync(this.#output(id)))
      return { state: "succeeded", videoUrl: pathToFileURL(this.#output(id)).href };
    const owner = readOwner(join(this.#options.outputDir, `${id}.work`));
    if (owner !== undefined && renderingElsewhere(owner, this.#me))
      return { state: "running", progress: this.#progress(owner.startedAt) };
    if (request === undefined) {
      return {
        state: "failed",
        code: "preview_lost_on_restart",
        message: "The preview was being rendered by a process that stopped.",
        retryable: true,
      };
    }
    try {
      await this.#start(id, request);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        state: "failed",
        code: "preview_render_failed",
        message: `The preview could not be rendered: ${message}`,
        retryable: false,
      };
    }
    return { state: "running", progress: 0 };
  }

  #progress(startedAt: number): number {
    const target = this.#options.previewSeconds;
    const elapsed = (this.#now() - startedAt) / 1000;
    return target <= 0 ? 50 : Math.min(99, Math.floor((elapsed / target) * 100));
  }

  /** Resolves when this process's render of `job` has finished (for the engine and tests). */
  async rendered(job: ProviderJob): Promise<void> {
    await this.#renders.get(job.id);
  }

  /** The preview file an extend continues, if it is one of this folder's. */
  #sourceFile(request: VideoRequest): string | undefined {
    const url = request.source?.videoUrl;
    if (url === undefined || !url.startsWith("file:")) return undefined;
    const path = fileURLToPath(url);
    return path.startsWith(`${this.#options.outputDir}/`) && existsSync(path) ? path : undefined;
  }

  #output(id: string): string {
    return join(this.#options.outputDir, `${id}.mp4`);
  }
}
