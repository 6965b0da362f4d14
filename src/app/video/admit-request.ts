import type { ChatEvent } from "../../core/chat-event.ts";
import type { CheckedCommand } from "../../core/command.ts";
import type { Cost } from "../../core/pricing.ts";
import type { VideoRequest } from "../../core/request.ts";
import { checkWorkspacePolicy } from "../../core/settings.ts";
import { refusalView } from "../../core/views/admin.ts";
import { commandErrorsView } from "../../core/views/request.ts";
import type { BotDeps } from "../deps.ts";

/**
 * The checks every /video goes through first, previewed or real: the command's own errors, then
 * the workspace's channel and word policy. Answers the refusal privately and returns undefined,
 * or returns the request and its cost.
 */
export async function admitRequest(
  deps: BotDeps,
  event: ChatEvent,
  checked: CheckedCommand,
): Promise<{ request: VideoRequest; cost: Cost } | undefined> {
  const { conversation } = event;
  if (!checked.ok) {
    await deps.chat.notify(conversation, commandErrorsView(checked.errors));
    return undefined;
  }
  const { request, cost } = checked;
  const settings = await deps.settings.get(conversation.platform, conversation.workspaceId);
  const policy = checkWorkspacePolicy(settings, conversation.channelId, [
    request.prompt,
    request.negativePrompt,
  ]);
  if (policy !== undefined) {
    await deps.chat.notify(conversation, refusalView("Not allowed here", policy.message));
    return undefined;
  }
  return { request, cost };
}
