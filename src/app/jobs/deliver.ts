// The delivering step: fetch the provider's video, fit it to the chat's upload limit, post it,
// charge. Posting is tried a bounded number of times within a deadline (DeliveryPolicy); a
// conversation closed to the bot (not a member, no permission) is given up on at the first try.
// Given up, the job fails and is refunded, and the person is told: on the job's message, or
// privately, or by direct message when the conversation is closed.

import { failureText } from "../../core/views/failures.ts";
import { notPostedView } from "../../core/views/notices.ts";
import { isChannelClosed, type MessageRef } from "../ports.ts";
import { DEFAULT_DELIVERY, type EngineDeps, fail, settle, show, viewOf } from "./job-updates.ts";
import type { JobRecord, VideoFiles } from "./ports.ts";

export async function deliver(deps: EngineDeps, job: JobRecord): Promise<void> {
  if (job.videoMessageId !== undefined) {
    // Posted before a restart: only the bookkeeping is left.
    const finishedAt = job.finishedAt ?? deps.now();
    if (await deps.jobs.transition(job.id, "delivering", "delivered", { finishedAt }))
      await settle(deps, { ...job, state: "delivered", finishedAt });
    return;
  }
  if (job.resultUrl === undefined) {
    await fail(deps, job, { from: "delivering", to: "failed", failure: { code: "no_result" } });
    return;
  }
  const policy = deps.delivery ?? DEFAULT_DELIVERY;
  const since = job.deliveryStartedAt ?? deps.now();
  if (job.deliveryStartedAt === undefined) await deps.jobs.patch(job.id, { deliveryStartedAt: since });
  if (deps.now().getTime() - since.getTime() > policy.deadlineSeconds * 1000) {
    await undeliverable(
      deps,
      job,
      `it could not be posted within ${Math.round(policy.deadlineSeconds / 60)} minutes`,
    );
    return;
  }
  const delivery = await fetchAndFit(deps, job, job.resultUrl);
  if (delivery === undefined) return;
  const finishedAt = deps.now();
  const done: JobRecord = { ...job, state: "delivered", finishedAt };
  let posted: MessageRef;
  try {
    posted = await deps.messages.upload(
      {
        conversation: job.conversation,
        key: job.id,
        ...(job.messageId === undefined ? {} : { jobMessage: job.messageId }),
      },
      delivery,
      await viewOf(deps, done, {}),
    );
  } catch (error) {
    const failures = await deps.jobs.recordDeliveryFailure(job.id);
    if (isChannelClosed(error) || failures >= policy.maxFailures) {
      await undeliverable(deps, job, isChannelClosed(error) ? error.message : undefined);
      return;
    }
    await deps.queue.schedule(job.id, policy.retryDelaySeconds(failures));
    return;
  }
  await deps.jobs.patch(job.id, { videoMessageId: posted.messageId, finishedAt });
  if (!(await deps.jobs.transition(job.id, "delivering", "delivered", { finishedAt }))) return;
  await show(deps, done, {});
  await settle(deps, done);
}

/** The video as it will be posted; undefined when the job failed on the way (fetched or not a video). */
async function fetchAndFit(
  deps: EngineDeps,
  job: JobRecord,
  resultUrl: string,
): Promise<Awaited<ReturnType<VideoFiles["fit"]>> | undefined> {
  let video: Awaited<ReturnType<VideoFiles["fetch"]>>;
  try {
    video = await deps.files.fetch(job.id, resultUrl);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    await fail(deps, job, { from: "delivering", to: "failed", failure: { code: "fetch_failed", detail } });
    return undefined;
  }
  try {
    return await deps.files.fit(video, deps.messages.uploadLimit(job.conversation), resultUrl);
  } catch (error) {
    if (typeof error === "object" && error !== null && "code" in error && error.code === "not_a_video") {
      const detail = error instanceof Error ? error.message : "The provider's file is not a video.";
      await fail(deps, job, { from: "delivering", to: "failed", failure: { code: "not_a_video", detail } });
      return undefined;
    }
    // ffmpeg failed on this file: a link is still a delivery.
    return {
      kind: "link",
      url: resultUrl,
      sizeBytes: video.sizeBytes,
      reason: `it could not be re-encoded to fit (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

/**
 * The video can't be posted: the job fails and is refunded, and the person is told where they can
 * still be reached: the job's message, else privately, else by direct message.
 */
async function undeliverable(deps: EngineDeps, job: JobRecord, why: string | undefined): Promise<void> {
  const error = failureText(why === undefined ? { code: "undeliverable" } : { code: "undeliverable", why });
  const finishedAt = deps.now();
  if (
    !(await deps.jobs.transition(job.id, "delivering", "failed", {
      errorCode: "undeliverable",
      error,
      finishedAt,
    }))
  )
    return;
  const ended: JobRecord = { ...job, state: "failed", error, finishedAt };
  await deps.money.refund(job.id, "the video could not be posted");
  await tell(deps, ended, why);
  await settle(deps, ended);
}

async function tell(deps: EngineDeps, job: JobRecord, why: string | undefined): Promise<void> {
  if (job.messageId !== undefined) {
    const message = { conversation: job.conversation, messageId: job.messageId };
    await deps.edits.flush(message);
    const edited = await deps.messages.edit(message, await viewOf(deps, job, {})).then(
      () => true,
      () => false,
    );
    if (edited) return;
  }
  const notice = notPostedView("video", why);
  if (
    await deps.messages.notify(job.conversation, notice).then(
      () => true,
      () => false,
    )
  )
    return;
  await deps.messages.direct?.(job.conversation, notice).catch(() => undefined);
}
