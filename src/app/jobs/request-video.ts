import { randomUUID } from "node:crypto";
import type { ChatEvent } from "../../core/chat-event.ts";
import type { CheckedCommand } from "../../core/command.ts";
import { planCounters } from "../../core/quota/policy.ts";
import { breachMessage } from "../../core/quota/refusal.ts";
import { jobIdFor } from "../../core/request-id.ts";
import { refusalView } from "../../core/views/admin.ts";
import { jobView } from "../../core/views/job.ts";
import { notPostedView } from "../../core/views/notices.ts";
import { type BotDeps, requesterOf } from "../deps.ts";
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
  deps: BotDeps,
  jobs: JobsDeps,
  event: ChatEvent,
  checked: CheckedCommand,
  options: RequestOptions = {},
): Promise<void> {
  const { conversation } = event;
  const admitted = await admitRequest(deps, event, checked, options.trustedImages);
  if (admitted === undefined) return;
  const { request, cost } = admitted;
  const route = jobs.router.route(request);
  if (!route.ok) {
    const reasons = route.reasons.map((r) => r.reason).join("; ");
    await deps.chat.notify(
      conversation,
      refusalView(
        "This video can't be made here",
        `The configured provider can't make it: ${reasons}. Nothing was charged.`,
      ),
    );
    return;
  }
  const requester = requesterOf(event);
  const now = deps.quota.now();
  const counters = planCounters(
    requester,
    await deps.quota.policies.policiesFor(requester),
    deps.quota.defaults,
    now,
  );
  const { click } = options;
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
    if (click !== undefined) await deps.chat.notify(conversation, alreadyStartedView());
    return;
  }
  if (!accepted.ok) {
    await deps.chat.notify(
      conversation,
      refusalView("Over your quota", `${breachMessage(accepted.breach, now)} Nothing was charged.`),
    );
    return;
  }
  jobs.onAccepted?.(jobId);
  let message: MessageRef;
  try {
    message = await deps.chat.post(
      conversation,
      jobView({
        jobId,
        state: "queued",
        request,
        cost,
        provider: route.provider.id,
        queuePosition: await jobs.store.queuePosition(jobId),
        createdAt: now,
        now,
        recentDurations: [],
      }),
    );
  } catch (error) {
    await abandon(deps, jobs, jobId, error);
    return;
  }
  // The engine may have started the job before its message id was stored (its progress update
  // then had no message to edit): show where it is now rather than "Queued" until the next poll.
  const state = await jobs.store.setMessage(jobId, message.messageId);
  if (state !== undefined && state !== "queued") {
    const job = await jobs.store.get(jobId);
    if (job !== undefined)
      await deps.chat.edit(
        message,
        await viewOf({ router: jobs.router, jobs: jobs.store, now: deps.quota.now }, job, {}),
      );
  }
}

/**
 * The job's message couldn't be posted (the bot may not post there, or the platform failed): with
 * no message to follow, the job is stopped and refunded at once, and the person is told privately
 * (or by direct message); if even that fails, the error goes to the adapter to log.
 */
async function abandon(deps: BotDeps, jobs: JobsDeps, jobId: string, error: unknown): Promise<void> {
  const found = await jobs.store.get(jobId);
  const stopped =
    found === undefined
      ? undefined
      : await stopJob(
          { jobs: jobs.store, money: deps.quota.money, router: jobs.router, now: deps.quota.now },
          found,
          {
            error: "framecast couldn't post this video's message here, so it was stopped.",
            code: "not_posted",
            refund: "its message could not be posted",
          },
        );
  if (stopped === undefined) throw error;
  const view = notPostedView("message", isChannelClosed(error) ? error.message : undefined);
  const { conversation } = stopped;
  try {
    await deps.chat.notify(conversation, view);
  } catch {
    if (deps.chat.direct === undefined) throw error;
    await deps.chat.direct(conversation, view).catch(() => {
      throw error;
    });
  }
}
