// The end of a Continue chain: the finished videos joined into one file (sound kept) and posted,
// then the chain is done (or stopped, with why). Run again after a restart, it posts the joined
// video once: the message is recorded before the chain moves on.

import { jobIdFor } from "../../core/request-id.ts";
import { chainStoppedView, joinedView } from "../../core/views/chain.ts";
import type { JobRecord } from "../jobs/ports.ts";
import type { JobMessages } from "../ports.ts";
import { type ChainEngineDeps, chainJobs } from "./chain-jobs.ts";
import type { ChainRecord } from "./ports.ts";

export async function finishChain(
  deps: ChainEngineDeps,
  chain: ChainRecord,
  chat: JobMessages,
): Promise<void> {
  const final = chain.stopReason === undefined ? "done" : "stopped";
  if (chain.joinedMessageId === undefined) {
    const { base, segments } = await chainJobs(deps, chain);
    const made = segments.filter((j) => j.state === "delivered");
    if (made.length === 0) {
      // Nothing new to join: the person is told why, privately.
      await chat.notify(chain.conversation, chainStoppedView(chain.stopReason ?? "Nothing was made."));
    } else {
      const posted = await postJoined(deps, chain, chat, [...base, ...made]).catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        return chat
          .notify(
            chain.conversation,
            chainStoppedView(`The segments were made (and posted one by one) but couldn't be joined: ${why}`),
          )
          .then(() => undefined);
      });
      if (posted !== undefined) await deps.chains.setJoinedMessage(chain.id, posted);
    }
  }
  if (await deps.chains.transition(chain.id, "joining", final)) deps.onEnded?.(chain.id);
}

/** Joins the delivered videos of `jobs` and posts the file; resolves with its message id. */
async function postJoined(
  deps: ChainEngineDeps,
  chain: ChainRecord,
  chat: JobMessages,
  jobs: readonly JobRecord[],
): Promise<string> {
  const videos = [];
  for (const job of jobs) {
    if (job.resultUrl === undefined) throw new Error(`video ${job.id} has no file`);
    videos.push(await deps.files.fetch(job.id, job.resultUrl));
  }
  const joined = await deps.files.join(`chain-${chain.id}`, videos);
  const delivery = await deps.files.fit(joined, chat.uploadLimit(chain.conversation), "");
  if (delivery.kind === "link")
    throw new Error(`the joined ${Math.round(joined.durationSeconds)} s video is too large to post here`);
  const first = jobs[0] as JobRecord;
  const view = joinedView({
    request: first.request,
    seconds: joined.durationSeconds,
    jobIds: jobs.map((j) => j.id),
    credits: jobs.filter((j) => j.chain?.id === chain.id).reduce((n, j) => n + j.cost.credits, 0),
    ...(chain.stopReason === undefined ? {} : { stopped: chain.stopReason }),
  });
  // Named like a job (a UUID), so the platform's idempotency key and file name take it as one.
  const key = jobIdFor(chain.conversation.platform, `joined:${chain.id}`);
  const message = await chat.upload({ conversation: chain.conversation, key }, delivery, view);
  return message.messageId;
}
