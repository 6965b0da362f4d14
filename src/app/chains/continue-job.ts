import type { ChatEvent } from "../../core/chat-event.ts";
import { planChain } from "../../core/extend.ts";
import { priceRequest } from "../../core/pricing.ts";
import { jobIdFor } from "../../core/request-id.ts";
import { refusalView } from "../../core/views/admin.ts";
import { chainPlanView } from "../../core/views/chain.ts";
import { unavailableButtonView } from "../../core/views/notices.ts";
import { type RequestDeps, requesterOf } from "../deps.ts";
import { alreadyStartedView, type Click } from "../jobs/click.ts";
import { nativeExtendOf } from "../jobs/extend-job.ts";
import type { JobRecord, JobsDeps } from "../jobs/ports.ts";
import { buttonJob } from "../jobs/rerun-job.ts";
import { madeSeconds } from "./chain-jobs.ts";
import type { ChainsDeps } from "./ports.ts";
import { previewQuota } from "./preview-quota.ts";

export interface ContinueTarget {
  readonly jobId: string;
  readonly admin: boolean;
  readonly click?: Click;
  /** Seconds to add (the typed command's); unset: one more segment. */
  readonly addSeconds?: number;
}

/**
 * Continue: a finished video grows by native extends, segment after segment (each a job of its
 * own, reserved and charged as it is made), and the whole is joined into one file. Refused
 * privately, with nothing charged, when the provider has no extend for it, when the joined video
 * would pass the workspace's limit, or when the quota can't cover every segment.
 */
export async function continueJob(
  deps: RequestDeps,
  event: ChatEvent,
  target: ContinueTarget,
): Promise<void> {
  const { jobs, chains } = deps;
  const { conversation } = event;
  if (jobs === undefined || chains === undefined) {
    await deps.reply.notify(unavailableButtonView("continue"));
    return;
  }
  const job = await buttonJob(deps, jobs, event, target);
  if (job === undefined) return;
  const refuse = (title: string, text: string) => deps.reply.notify(refusalView(title, text));
  if (job.state !== "delivered" || job.resultUrl === undefined)
    return refuse("Can't continue that", "Only a finished video can be continued. Nothing was charged.");
  const native = nativeExtendOf(jobs.router, job);
  if (native === undefined)
    return refuse(
      "Can't continue that here",
      `Continue joins the provider's own extensions of a video, and the provider that made this one has none for ${job.request.model}. Extend still makes a new video from its last frame. Nothing was charged.`,
    );
  const base = await baseOf(jobs, chains, job);
  const settings = await deps.settings.get(conversation.platform, conversation.workspaceId);
  const plan = planChain({
    madeSeconds: madeSeconds(base),
    segmentSeconds: job.request.duration,
    ...(target.addSeconds === undefined ? {} : { addSeconds: target.addSeconds }),
    limitSeconds: settings.maxChainSeconds,
  });
  if (!plan.ok) return refuse("That's longer than this workspace allows", plan.message);
  const cost = priceRequest(native, deps.pricing);
  const all = {
    videos: plan.segments,
    seconds: plan.segments * native.duration,
    credits: plan.segments * cost.credits,
  };
  const quota = await previewQuota(deps.quota, requesterOf(event), all);
  if (!quota.ok)
    return refuse(
      "Over your quota",
      `Continue needs ${all.videos} videos, ${all.seconds} s and ${all.credits} credits in all. ${quota.message} Nothing was charged.`,
    );
  const id = chainIdOf(event, target.click);
  const created = await chains.store.create({
    id,
    conversation,
    roles: event.roles,
    baseJobIds: base.map((j) => j.id),
    targetSeconds: plan.targetSeconds,
  });
  if (!created) return deps.reply.notify(alreadyStartedView());
  await deps.reply.notify(chainPlanView({ ...plan, segmentSeconds: native.duration, cost }));
  await chains.advance(id, deps.messages);
}

/** The chain's id: the click's (a repeat finds it), else the request's, else a fresh one. */
function chainIdOf(event: ChatEvent, click: Click | undefined): string {
  const key = click?.jobId ?? event.requestId ?? `${Date.now()}:${Math.random()}`;
  return jobIdFor(event.conversation.platform, `continue:${key}`);
}

/**
 * The delivered videos the new chain starts from: the job alone, or, when it is itself a chain's
 * segment, that chain's videos up to it (so the joined file starts from the very first).
 */
async function baseOf(jobs: JobsDeps, chains: ChainsDeps, job: JobRecord): Promise<JobRecord[]> {
  if (job.chain === undefined) return [job];
  const chain = await chains.store.get(job.chain.id);
  if (chain === undefined) return [job];
  const ids = [...chain.baseJobIds, ...(await chains.store.segmentIds(chain.id))];
  const upTo = ids.slice(0, ids.indexOf(job.id) + 1);
  const found = await Promise.all(upTo.map((id) => jobs.store.get(id)));
  return found.filter((j): j is JobRecord => j !== undefined && j.state === "delivered");
}
