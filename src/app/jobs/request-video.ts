import { randomUUID } from "node:crypto";
import type { ChatEvent } from "../../core/chat-event.ts";
import type { CheckedCommand } from "../../core/command.ts";
import type { Cost } from "../../core/pricing.ts";
import { planCounters } from "../../core/quota/policy.ts";
import { breachMessage } from "../../core/quota/refusal.ts";
import type { VideoRequest } from "../../core/request.ts";
import { jobIdFor } from "../../core/request-id.ts";
import { refusalView } from "../../core/views/admin.ts";
import { jobView } from "../../core/views/job.ts";
import { notPostedView } from "../../core/views/notices.ts";
import { type RequestDeps, requesterOf } from "../deps.ts";
import type { ProviderId } from "../generation/ports.ts";
import { usageOf } from "../money/quota.ts";
import { isChannelClosed, type MessageRef } from "../ports.ts";
import { admitRequest } from "../video/admit-request.ts";
import { alreadyStartedView, type Click } from "./click.ts";
import { viewOf } from "./engine.ts";
import type { JobsDeps } from "./ports.ts";
import { stopJob } from "./stop-job.ts";

/** How a request came, beyond its event. */
export interface RequestOptions {
  /** A button's click: the job is named after it, so a repeat of the click makes nothing new. */
  readonly click?: Click;
  /** Pictures this workspace's jobs already used (a button's), taken like attached ones. */
  readonly trustedImages?: readonly string[];
}

/**
 * /video for real: validation, workspace policy, a provider that can make it, then one
 * transaction that reserves the quota, writes the job and queues it; then the job's message.
 * Every refusal is private and leaves nothing behind.
 */
export async function requestVideo(
  deps: RequestDeps,
  jobs: JobsDeps,
  event: ChatEvent,
  checked: CheckedCommand,
  options: RequestOptions = {},
): Promise<void> {
  const admitted = await admitRequest(deps, event, checked, options.trustedImages);
  if (admitted === undefined) return;
  const route = jobs.router.route(admitted.request);
  if (!route.ok) {
    const reasons = route.reasons.map((r) => r.reason).join("; ");
    await deps.reply.notify(
      refusalView(
        "This video can't be made here",
        `The configured provider can't make it: ${reasons}. Nothing was charged.`,
      ),
    );
    return;
  }
  const accepted = await accept(deps, jobs, event, admitted, options.click);
  if (accepted === undefined) return;
  await postJobMessage(deps, jobs, {
    ...admitted,
    ...accepted,
    provider: route.provider.id,
  });
}

/**
 * The reservation, the job and its first step, in one transaction. Resolves with the job's id and
 * place in line, or undefined when refused (said privately) or a repeat (a repeated click is
 * answered privately).
 */
async function accept(
  deps: RequestDeps,
  jobs: JobsDeps,
  event: ChatEvent,
  { request, cost }: { request: VideoRequest; cost: Cost },
  click: Click | undefined,
): Promise<{ jobId: string; queuePosition: number } | undefined> {
  const { conversation } = event;
  const requester = requesterOf(event);
  const now = deps.quota.now();
  const counters = planCounters(
    requester,
    await deps.quota.policies.policiesFor(requester),
    deps.quota.defaults,
    now,
  );
  const jobId =
    click?.jobId ??
    (event.requestId === undefined ? randomUUID() : jobIdFor(conversation.platform, event.requestId));
  const accepted = await jobs.acceptance.accept({
    jobId,
    requester,
    conversation,
    request,
    cost,
    usage: usageOf(request, cost),
    counters,
    ...(click === undefined ? {} : { repeatOf: { jobIds: click.neighbourJobIds, lock: click.lock } }),
  });
  // Delivered twice (a platform's retry, two instances): the first delivery answers it. A
  // repeated click is answered, privately: the person pressed it and expects a word.
  if (!accepted.ok && "duplicate" in accepted) {
    if (click !== undefined) await deps.reply.notify(alreadyStartedView());
    return undefined;
  }
  if (!accepted.ok) {
    await deps.reply.notify(
      refusalView("Over your quota", `${breachMessage(accepted.breach, now)} Nothing was charged.`),
    );
    return undefined;
  }
  jobs.onAccepted?.(jobId);
  return { jobId, queuePosition: accepted.queuePosition };
}

/** The job's message, "Queued", recorded on the job so the engine edits it from now on. */
async function postJobMessage(
  deps: RequestDeps,
  jobs: JobsDeps,
  job: { jobId: string; queuePosition: number; request: VideoRequest; cost: Cost; provider: ProviderId },
): Promise<void> {
  const now = deps.quota.now();
  let message: MessageRef;
  try {
    message = await deps.reply.post(
      jobView({
        ...job,
        state: "queued",
        createdAt: now,
        now,
        recentDurations: [],
      }),
    );
  } catch (error) {
    await abandon(deps, jobs, job.jobId, error);
    return;
  }
  // The engine may have started the job before its message id was stored (its progress update
  // then had no message to edit): show where it is now rather than "Queued" until the next poll.
  const state = await jobs.store.setMessage(job.jobId, message.messageId);
  if (state !== undefined && state !== "queued") {
    const stored = await jobs.store.get(job.jobId);
    if (stored !== undefined)
      await deps.messages.edit(
        message,
        await viewOf({ router: jobs.router, jobs: jobs.store, now: deps.quota.now }, stored, {}),
      );
  }
}

/**
 * The job's message couldn't be posted (the bot may not post there, or the platform failed): with
 * no message to follow, the job is stopped and refunded at once, and the person is told privately
 * (or by direct message); if even that fails, the error goes to the adapter to log.
 */
async function abandon(deps: RequestDeps, jobs: JobsDeps, jobId: string, error: unknown): Promise<void> {
  const found = await jobs.store.get(jobId);
  const stopped =
    found === undefined
      ? undefined
      : await stopJob(
          { jobs: jobs.store, money: deps.quota.money, router: jobs.router, now: deps.quota.now },
          found,
          {
            failure: { code: "not_posted" },
            refund: "its message could not be posted",
          },
        );
  if (stopped === undefined) throw error;
  const view = notPostedView("message", isChannelClosed(error) ? error.message : undefined);
  const { conversation } = stopped;
  try {
    await deps.reply.notify(view);
  } catch {
    if (deps.messages.direct === undefined) throw error;
    await deps.messages.direct(conversation, view).catch(() => {
      throw error;
    });
  }
}
