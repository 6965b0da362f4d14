import { randomInt } from "node:crypto";
import { SEED_MAX, SEED_MIN } from "../../core/catalog.ts";
import type { ChatEvent } from "../../core/chat-event.ts";
import { checkVideoOptions } from "../../core/command.ts";
import { signedLinkExpired } from "../../core/hosts.ts";
import type { RawRequest, VideoRequest } from "../../core/request.ts";
import { refusalView } from "../../core/views/admin.ts";
import type { RequestDeps } from "../deps.ts";
import { alreadyStartedView, type Click } from "./click.ts";
import type { JobRecord, JobsDeps } from "./ports.ts";
import { requestVideo } from "./request-video.ts";

/**
 * What a finished job's buttons ask for: the same request again (`regenerate`, same seed if one
 * was set), with a fresh random seed (`new_seed`), or at 1080p (`hd`).
 */
export type RerunAction = "regenerate" | "new_seed" | "hd";

/** A stored request as the typed options /video would have brought (unset options left out). */
export function rawOptionsOf(request: VideoRequest): RawRequest {
  const raw: Record<string, string | number | boolean> = {
    prompt: request.prompt,
    duration: request.duration,
    quality: request.quality,
    model: request.model,
    audio: request.audio,
    motion: request.motion,
    thinking: request.thinking,
  };
  if (request.negativePrompt !== null) raw.negativePrompt = request.negativePrompt;
  if (request.ratio !== null) raw.ratio = request.ratio;
  if (request.seed !== null) raw.seed = request.seed;
  if (request.style !== null) raw.style = request.style;
  if (request.firstFrame !== null) raw.firstFrame = request.firstFrame;
  if (request.lastFrame !== null) raw.lastFrame = request.lastFrame;
  if (request.shots) raw.shots = true;
  return raw as RawRequest;
}

function changed(request: VideoRequest, action: RerunAction, seed: () => number): RawRequest {
  const raw = rawOptionsOf(request);
  if (action === "new_seed") return { ...raw, seed: seed() };
  if (action === "hd") return { ...raw, quality: "1080p" };
  return raw;
}

/**
 * Makes a new video from a stored job, for its owner or a workspace admin. Everything comes from
 * the job row, so buttons work after a restart. The new request is then exactly a /video: the same
 * validator (1080p may not exist for the model and duration), workspace policy, provider routing
 * and quota reservation, charged to the person who clicked.
 */
export async function rerunJob(
  deps: RequestDeps,
  jobs: JobsDeps,
  event: ChatEvent,
  target: { jobId: string; action: RerunAction; admin: boolean; click?: Click },
  seed: () => number = () => randomInt(SEED_MIN, SEED_MAX + 1),
): Promise<void> {
  const job = await buttonJob(deps, jobs, event, target);
  if (job === undefined || (await startedAlready(deps, jobs, target.click))) return;
  const now = deps.quota.now();
  if ([job.request.firstFrame, job.request.lastFrame].some((l) => l !== null && signedLinkExpired(l, now))) {
    await deps.reply.notify(
      refusalView(
        "That picture's link has expired",
        "The chat's links to uploaded pictures only last a day, so this video can't be made again from it. Animate the picture again (or attach it anew). Nothing was charged.",
      ),
    );
    return;
  }
  const checked = checkVideoOptions(changed(job.request, target.action, seed), deps.pricing);
  // The job's own pictures (this workspace's: buttonJob checked) are taken as they were.
  const trustedImages = [job.request.firstFrame, job.request.lastFrame].filter((l) => l !== null);
  await requestVideo(deps, jobs, event, checked, {
    trustedImages,
    ...(target.click === undefined ? {} : { click: target.click }),
  });
}

/**
 * Whether this click's job exists already (a double click, a replay): then the clicker is told,
 * before any work (Extend's frame) is done again. The acceptance checks again, atomically.
 */
export async function startedAlready(
  deps: RequestDeps,
  jobs: JobsDeps,
  click: Click | undefined,
): Promise<boolean> {
  if (click === undefined) return false;
  const found = await Promise.all([click.jobId, ...click.neighbourJobIds].map((id) => jobs.store.get(id)));
  if (found.every((job) => job === undefined)) return false;
  await deps.reply.notify(alreadyStartedView());
  return true;
}

/**
 * The job a button acts on, if it is in this workspace and the clicker may use it (its owner or
 * an admin); otherwise the clicker is told why and undefined is returned.
 */
export async function buttonJob(
  deps: RequestDeps,
  jobs: JobsDeps,
  event: ChatEvent,
  target: { jobId: string; admin: boolean },
): Promise<JobRecord | undefined> {
  const { conversation } = event;
  const job = await jobs.store.get(target.jobId);
  if (
    job === undefined ||
    job.conversation.platform !== conversation.platform ||
    job.conversation.workspaceId !== conversation.workspaceId
  ) {
    await deps.reply.notify(refusalView("Can't do that", "There is no such video here."));
    return undefined;
  }
  if (job.conversation.userId !== conversation.userId && !target.admin) {
    await deps.reply.notify(
      refusalView(
        "Not your video",
        "Only the person who asked for a video (or an admin) can use its buttons. Make your own with /video.",
      ),
    );
    return undefined;
  }
  return job;
}
