import type { ChatEvent } from "../../core/chat-event.ts";
import { checkVideoOptions } from "../../core/command.ts";
import type { RawRequest } from "../../core/request.ts";
import { refusalView } from "../../core/views/admin.ts";
import { unavailableButtonView } from "../../core/views/notices.ts";
import type { RequestDeps } from "../deps.ts";
import type { Click } from "./click.ts";
import type { JobsDeps } from "./ports.ts";
import { requestVideo } from "./request-video.ts";
import { buttonJob, rawOptionsOf, startedAlready } from "./rerun-job.ts";

/**
 * Extend: the finished video's last frame becomes the first frame of a new video with the same
 * prompt and settings (a fresh seed; the frame decides the shape). The frame is shown to the
 * clicker privately and hosted by the platform, then the request goes through /video's own
 * validation, policy, routing and quota, charged to the clicker; a refusal leaves nothing public.
 */
export async function extendJob(
  deps: RequestDeps,
  jobs: JobsDeps,
  event: ChatEvent,
  target: { jobId: string; admin: boolean; click?: Click },
): Promise<void> {
  const hostImage = deps.reply.hostImage?.bind(deps.reply);
  if (jobs.frames === undefined || hostImage === undefined) {
    await deps.reply.notify(unavailableButtonView("extend"));
    return;
  }
  const job = await buttonJob(deps, jobs, event, target);
  if (job === undefined || (await startedAlready(deps, jobs, target.click))) return;
  if (job.state !== "delivered" || job.resultUrl === undefined) {
    await deps.reply.notify(
      refusalView("Can't extend that", "Only a finished video can be extended. Nothing was charged."),
    );
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
  const options = {
    trustedImages: [firstFrame],
    ...(target.click === undefined ? {} : { click: target.click }),
  };
  await requestVideo(deps, jobs, event, checkVideoOptions(raw, deps.pricing), options);
}
