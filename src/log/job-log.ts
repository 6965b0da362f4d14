import type { Conversation } from "../core/chat-event.ts";
import type { Logger } from "./logger.ts";

/** A logger whose every line names the job and whose it is. */
export function jobLogger(
  log: Logger,
  jobId: string,
  job?: { readonly conversation: Pick<Conversation, "platform" | "workspaceId" | "userId"> },
): Logger {
  return log.child({
    jobId,
    ...(job === undefined
      ? {}
      : {
          platform: job.conversation.platform,
          workspace: job.conversation.workspaceId,
          user: job.conversation.userId,
        }),
  });
}
