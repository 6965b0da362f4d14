import type { ChatEvent } from "../../core/chat-event.ts";
import type { CheckedCommand } from "../../core/command.ts";
import { disallowedImages } from "../../core/hosts.ts";
import { checkLimits } from "../../core/limits.ts";
import type { Cost } from "../../core/pricing.ts";
import type { VideoRequest } from "../../core/request.ts";
import { checkWorkspacePolicy } from "../../core/settings.ts";
import { refusalView } from "../../core/views/admin.ts";
import { commandErrorsView } from "../../core/views/request.ts";
import type { RequestDeps } from "../deps.ts";

/**
 * The checks every /video goes through first, previewed or real: the command's own errors, then
 * the workspace's channel and word policy. Answers the refusal privately and returns undefined,
 * or returns the request and its cost.
 */
export async function admitRequest(
  deps: RequestDeps,
  event: ChatEvent,
  checked: CheckedCommand,
  trustedImages: readonly string[] = [],
): Promise<{ request: VideoRequest; cost: Cost } | undefined> {
  const { conversation } = event;
  if (!checked.ok) {
    await deps.reply.notify(commandErrorsView(checked.errors));
    return undefined;
  }
  const { request, cost } = checked;
  // Pictures the platform delivered with the request (or a job of this workspace already used)
  // may be its private files; any other link must be on the allowed hosts.
  const delivered = new Set([...deliveredImages(event), ...trustedImages]);
  const typed = [request.firstFrame, request.lastFrame].filter((l) => l === null || !delivered.has(l));
  const foreign = disallowedImages(typed, deps.imageHosts);
  if (foreign.length > 0) {
    await deps.reply.notify(
      refusalView(
        "Can't use that picture",
        `framecast only takes pictures attached to your message (or links to hosts the operator allowed), not a link to ${foreign.map((l) => hostOf(l)).join(" or ")}. Attach the picture instead. Nothing was charged.`,
      ),
    );
    return undefined;
  }
  const settings = await deps.settings.get(conversation.platform, conversation.workspaceId);
  const policy = checkWorkspacePolicy(settings, conversation.channelId, [
    request.prompt,
    request.negativePrompt,
  ]);
  if (policy !== undefined) {
    await deps.reply.notify(refusalView("Not allowed here", policy.message));
    return undefined;
  }
  const limited = checkLimits(settings, request);
  if (limited !== undefined) {
    await deps.reply.notify(refusalView("Not allowed here", limited));
    return undefined;
  }
  return { request, cost };
}

/** The image links the platform delivered with the event. */
function deliveredImages(event: ChatEvent): readonly string[] {
  const withText = event.input.kind === "text" ? (event.input.images ?? []) : [];
  return [...(event.attachedImages ?? []), ...withText];
}

/** A link's host for a message (never the whole link: it may carry signatures). */
function hostOf(link: string): string {
  try {
    return new URL(link).host;
  } catch {
    return "that link";
  }
}
