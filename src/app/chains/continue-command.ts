// Continue as a button and as a typed command (`/continue 3f2a9c1d 20`, `/framecast continue …`):
// both reach continueJob, for the video's owner or an admin.

import type { ChatEvent } from "../../core/chat-event.ts";
import { readContinueArgs } from "../../core/extend.ts";
import { refusalView } from "../../core/views/admin.ts";
import { isAdmin } from "../admin/run-admin.ts";
import type { RequestDeps } from "../deps.ts";
import type { Click } from "../jobs/click.ts";
import { findJob } from "../jobs/find-job.ts";
import { continueJob } from "./continue-job.ts";

/** The Continue button on a video (or the joined video): one more segment. */
export async function continueButton(
  deps: RequestDeps,
  event: ChatEvent,
  jobId: string,
  click: Click | undefined,
  addSeconds?: number,
): Promise<void> {
  const { platform, workspaceId } = event.conversation;
  const admin = isAdmin(event, await deps.settings.get(platform, workspaceId), deps.operators);
  await continueJob(deps, event, {
    jobId,
    admin,
    ...(click === undefined ? {} : { click }),
    ...(addSeconds === undefined ? {} : { addSeconds }),
  });
}

/** `/continue <job> [seconds to add]`. */
export async function continueTyped(deps: RequestDeps, event: ChatEvent, typed: string): Promise<void> {
  const args = readContinueArgs(typed);
  if (args.seconds !== undefined && !Number.isInteger(args.seconds)) {
    await deps.reply.notify(
      refusalView(
        "Can't continue that",
        "Write /framecast continue <job> <seconds to add>, e.g. /framecast continue 3f2a9c1d 10. Nothing was charged.",
      ),
    );
    return;
  }
  if (deps.jobs === undefined) return continueButton(deps, event, args.job, undefined);
  const found = await findJob(deps.jobs.store, event, args.job, "any");
  if (!found.ok) await deps.reply.notify(found.view);
  else await continueButton(deps, event, found.jobId, undefined, args.seconds);
}
