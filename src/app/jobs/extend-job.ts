import type { ChatEvent } from "../../core/chat-event.ts";
import { checkVideoOptions } from "../../core/command.ts";
import { extendRequestOf } from "../../core/extend.ts";
import { priceRequest } from "../../core/pricing.ts";
import type { RawRequest, VideoRequest } from "../../core/request.ts";
import { refusalView } from "../../core/views/admin.ts";
import { unavailableButtonView } from "../../core/views/notices.ts";
import type { RequestDeps } from "../deps.ts";
import type { ProviderRouter } from "../generation/router.ts";
import type { Click } from "./click.ts";
import type { JobRecord, JobsDeps } from "./ports.ts";
import { requestVideo } from "./request-video.ts";
import { buttonJob, rawOptionsOf, startedAlready } from "./rerun-job.ts";

/** What an Extend click acts on. */
export interface ExtendTarget {
  readonly jobId: string;
  readonly admin: boolean;
  readonly click?: Click;
}

/**
 * The request that continues a finished job with its provider's own extend, if that provider has
 * one for the job's model (PixVerse by video id, fal by the video's link); undefined if not.
 */
export function nativeExtendOf(
  router: Pick<ProviderRouter, "route">,
  job: JobRecord,
): VideoRequest | undefined {
  if (job.provider === undefined || job.resultUrl === undefined) return undefined;
  const request = extendRequestOf(job.request, {
    jobId: job.id,
    provider: job.provider.provider,
    id: job.provider.id,
    videoUrl: job.resultUrl,
  });
  return router.route(request).ok ? request : undefined;
}

/**
 * Extend: a finished video continued with the same prompt and settings, charged to the clicker.
 * Where the provider that made it has an extend of its own, that continues the video itself;
 * elsewhere the video's last frame becomes the first frame of a new image-to-video.
 * Either way the request goes through /video's own policy, routing and quota.
 */
export async function extendJob(
  deps: RequestDeps,
  jobs: JobsDeps,
  event: ChatEvent,
  target: ExtendTarget,
): Promise<void> {
  const job = await buttonJob(deps, jobs, event, target);
  if (job === undefined || (await startedAlready(deps, jobs, target.click))) return;
  if (job.state !== "delivered" || job.resultUrl === undefined) {
    await deps.reply.notify(
      refusalView("Can't extend that", "Only a finished video can be extended. Nothing was charged."),
    );
    return;
  }
  const native = nativeExtendOf(jobs.router, job);
  const click = target.click === undefined ? {} : { click: target.click };
  if (native !== undefined) {
    const checked = { ok: true, request: native, cost: priceRequest(native, deps.pricing) } as const;
    await requestVideo(deps, jobs, event, checked, click);
    return;
  }
  await extendFromLastFrame(deps, jobs, event, { ...job, resultUrl: job.resultUrl }, target.click);
}

/**
 * The fallback: the finished video's last frame becomes the first frame of a new video with the
 * same prompt and settings (a fresh seed; the frame decides the shape). The frame is shown to the
 * clicker privately and hosted by the platform; a refusal leaves nothing public.
 */
async function extendFromLastFrame(
  deps: RequestDeps,
  jobs: JobsDeps,
  event: ChatEvent,
  job: JobRecord & { resultUrl: string },
  click: Click | undefined,
): Promise<void> {
  const hostImage = deps.reply.hostImage?.bind(deps.reply);
  if (jobs.frames === undefined || hostImage === undefined) {
    await deps.reply.notify(unavailableButtonView("extend"));
    return;
  }
  let frame: string;
  try {
    frame = await jobs.frames.lastFrame(job.id, job.resultUrl);
  } catch (error) {
    await deps.reply.notify(
      refusalView(
        "Can't extend that",
        `framecast couldn't read that video's last frame (${error instanceof Error ? error.message : String(error)}). The provider may no longer keep it. Nothing was charged.`,
      ),
    );
    return;
  }
  const firstFrame = await hostImage(frame, {
    tone: "info",
    title: "Extending from this frame",
    private: true,
    blocks: [{ kind: "text", text: "The next video starts where yours ended." }],
  });
  const { seed: _seed, lastFrame: _last, ratio: _ratio, ...kept } = rawOptionsOf(job.request);
  const raw: RawRequest = { ...kept, firstFrame };
  // The frame the platform just hosted for this workspace is taken like an attached picture.
  const options = { trustedImages: [firstFrame], ...(click === undefined ? {} : { click }) };
  await requestVideo(deps, jobs, event, checkVideoOptions(raw, deps.pricing), options);
}
