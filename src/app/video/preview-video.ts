import type { ChatEvent } from "../../core/chat-event.ts";
import type { CheckedCommand } from "../../core/command.ts";
import { refusalView } from "../../core/views/admin.ts";
import { requestPreviewView } from "../../core/views/request.ts";
import { remainingLine } from "../../core/views/usage.ts";
import type { View } from "../../core/views/view.ts";
import { type BotDeps, requesterOf } from "../deps.ts";
import { previewQuota, usageOf } from "../money/quota.ts";
import { userUsage } from "../usage/user-usage.ts";
import { admitRequest } from "./admit-request.ts";

/**
 * /video, until the job engine lands: everything a real request goes through before it is
 * accepted (validation, channel and word policy, quota), then a preview of what would run and
 * what it would cost. Nothing is reserved or charged.
 */
export async function previewVideo(deps: BotDeps, event: ChatEvent, checked: CheckedCommand): Promise<void> {
  const { conversation } = event;
  const admitted = await admitRequest(deps, event, checked);
  if (admitted === undefined) return;
  const { request, cost } = admitted;
  const requester = requesterOf(event);
  const quota = await previewQuota(deps.quota, requester, usageOf(request, cost));
  if (!quota.ok) {
    await deps.chat.notify(
      conversation,
      refusalView("Over your quota", `${quota.message} Nothing was charged.`),
    );
    return;
  }
  const preview = requestPreviewView(request, cost);
  const left = remainingLine(await userUsage(deps.quota, requester));
  const view: View = {
    ...preview,
    blocks: [
      ...preview.blocks,
      ...(left === undefined
        ? []
        : [{ kind: "text" as const, text: `Your quota before this video: ${left}.` }]),
      {
        kind: "text",
        text: "No video provider is connected yet, so nothing was generated and nothing was charged.",
      },
    ],
  };
  await deps.chat.post(conversation, view);
}
