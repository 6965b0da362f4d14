// The Continue chain engine: one step of one chain at a time, idempotent, durable. A step looks
// at the chain's segments (jobs in the jobs table) and does the one thing due: wait for the
// segment in progress, accept the next one (a native extend of the last, reserved like any job),
// or join the finished ones. Each segment is named after the chain and its place, so a step run
// twice (two instances, a restart) finds the segment it made and makes nothing new.

import { isFinal } from "../../core/jobs/machine.ts";
import { priceRequest } from "../../core/pricing.ts";
import { planCounters, type Requester } from "../../core/quota/policy.ts";
import { breachMessage } from "../../core/quota/refusal.ts";
import { jobIdFor } from "../../core/request-id.ts";
import { jobView } from "../../core/views/job.ts";
import { nativeExtendOf } from "../jobs/extend-job.ts";
import type { JobRecord } from "../jobs/ports.ts";
import { stopJob } from "../jobs/stop-job.ts";
import { usageOf } from "../money/quota.ts";
import type { JobMessages } from "../ports.ts";
import { type ChainEngineDeps, chainJobs, madeSeconds } from "./chain-jobs.ts";
import { finishChain } from "./finish-chain.ts";
import type { ChainRecord } from "./ports.ts";

export type { ChainEngineDeps } from "./chain-jobs.ts";

export async function advanceChain(deps: ChainEngineDeps, id: string, chat: JobMessages): Promise<void> {
  const chain = await deps.chains.get(id);
  if (chain === undefined || chain.state === "done" || chain.state === "stopped") return;
  if (chain.state === "joining") return finishChain(deps, chain, chat);
  const { base, segments } = await chainJobs(deps, chain);
  const last = segments.at(-1);
  if (last !== undefined && !isFinal(last.state)) return; // its end runs this step again
  if (last !== undefined && last.state !== "delivered") {
    const why = `Segment ${segments.length} ended (${last.state}): ${last.error ?? "no reason given"}. It was refunded; nothing more will be made.`;
    return stop(deps, chain, chat, why);
  }
  if (madeSeconds([...base, ...segments]) >= chain.targetSeconds) {
    if (await deps.chains.transition(chain.id, "running", "joining"))
      await finishChain(deps, { ...chain, state: "joining" }, chat);
    return;
  }
  const source = last ?? base.at(-1);
  if (source !== undefined) await nextSegment(deps, chain, chat, source, segments.length + 1);
}

/** Stops a running chain: what was made so far is joined (if any), and the person is told why. */
async function stop(
  deps: ChainEngineDeps,
  chain: ChainRecord,
  chat: JobMessages,
  why: string,
): Promise<void> {
  if (await deps.chains.transition(chain.id, "running", "joining", { stopReason: why }))
    await finishChain(deps, { ...chain, state: "joining", stopReason: why }, chat);
}

const requesterOf = (chain: ChainRecord): Requester => ({
  platform: chain.conversation.platform,
  workspaceId: chain.conversation.workspaceId,
  channelId: chain.conversation.channelId,
  userId: chain.conversation.userId,
  roles: chain.roles,
});

/** Accepts segment `index`, continuing `source`, and posts its message. */
async function nextSegment(
  deps: ChainEngineDeps,
  chain: ChainRecord,
  chat: JobMessages,
  source: JobRecord,
  index: number,
): Promise<void> {
  const request = nativeExtendOf(deps.router, source);
  if (request === undefined)
    return stop(deps, chain, chat, "The provider that made the last segment can no longer extend it.");
  const requester = requesterOf(chain);
  const now = deps.now();
  const cost = priceRequest(request, deps.pricing);
  const jobId = jobIdFor(chain.conversation.platform, `chain:${chain.id}:${index}`);
  const accepted = await deps.acceptance.accept({
    jobId,
    requester,
    conversation: chain.conversation,
    request,
    cost,
    usage: usageOf(request, cost),
    counters: planCounters(requester, await deps.policies.policiesFor(requester), deps.defaults, now),
    chain: { id: chain.id, index },
  });
  if (!accepted.ok && "duplicate" in accepted) return; // made by an earlier run of this step
  if (!accepted.ok)
    return stop(
      deps,
      chain,
      chat,
      `Over your quota: ${breachMessage(accepted.breach, now)} Nothing more was charged.`,
    );
  deps.onAccepted?.(jobId);
  await postSegment(deps, chat, { jobId, request, cost, provider: deps.router.providerFor(request) });
}

/**
 * The segment's "Queued" notice, told to the person (the engine has no request to answer here; the
 * segment's video is posted in the conversation when it is made). If it can't be told, the segment
 * is stopped and refunded.
 */
async function postSegment(
  deps: ChainEngineDeps,
  chat: JobMessages,
  segment: {
    jobId: string;
    request: JobRecord["request"];
    cost: JobRecord["cost"];
    provider: string | undefined;
  },
): Promise<void> {
  const job = await deps.jobs.get(segment.jobId);
  if (job === undefined) return;
  const now = deps.now();
  try {
    await chat.notify(
      job.conversation,
      jobView({
        ...segment,
        provider: segment.provider ?? deps.router.primary.id,
        state: "queued",
        queuePosition: await deps.jobs.queuePosition(job.id),
        createdAt: now,
        now,
        recentDurations: [],
      }),
    );
  } catch {
    await stopJob({ ...deps, jobs: deps.jobs }, job, {
      failure: { code: "not_posted" },
      refund: "its message could not be posted",
    });
  }
}
