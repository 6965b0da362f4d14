import type { ChatEvent } from "../core/chat-event.ts";
import {
  type CheckedCommand,
  checkVideoCommand,
  checkVideoOptions,
  type RequestDefaults,
} from "../core/command.ts";
import { routeText } from "../core/route.ts";
import { helpView } from "../core/views/help.ts";
import { modelsView } from "../core/views/models.ts";
import { unknownCommandView, unknownSubcommandView } from "../core/views/notices.ts";
import { usageView } from "../core/views/usage.ts";
import { runAdmin } from "./admin/run-admin.ts";
import { type BotDeps, requesterOf } from "./deps.ts";
import { requestVideo } from "./jobs/request-video.ts";
import { userUsage } from "./usage/user-usage.ts";
import { previewVideo } from "./video/preview-video.ts";

/** Handles one chat event end to end: route, check, reply. */
export function createCommandHandler(deps: BotDeps): (event: ChatEvent) => Promise<void> {
  return async (event) => {
    const { conversation } = event;
    const defaults = async (): Promise<RequestDefaults> => {
      const s = await deps.settings.get(conversation.platform, conversation.workspaceId);
      return {
        ...(s.defaultModel ? { model: s.defaultModel } : {}),
        ...(s.defaultQuality ? { quality: s.defaultQuality } : {}),
      };
    };
    const video = (checked: CheckedCommand): Promise<void> =>
      deps.jobs === undefined
        ? previewVideo(deps, event, checked)
        : requestVideo(deps, deps.jobs, event, checked);
    if (event.input.kind === "video-options") {
      await video(checkVideoOptions(event.input.options, deps.pricing, await defaults()));
      return;
    }
    const route = routeText(event.input.text);
    switch (route.kind) {
      case "empty":
        return;
      case "video":
        await video(checkVideoCommand(route.text, deps.pricing, await defaults()));
        return;
      case "framecast":
        await framecast(deps, event, route.subcommand, route.args);
        return;
      case "unknown":
        await deps.chat.notify(conversation, unknownCommandView(route.command));
        return;
    }
  };
}

async function framecast(deps: BotDeps, event: ChatEvent, subcommand: string, args: string): Promise<void> {
  const { conversation } = event;
  switch (subcommand) {
    case "help":
      await deps.chat.notify(conversation, helpView());
      return;
    case "models":
      await deps.chat.notify(conversation, modelsView(deps.pricing));
      return;
    case "usage": {
      const settings = await deps.settings.get(conversation.platform, conversation.workspaceId);
      const periods = await userUsage(deps.quota, requesterOf(event));
      const concurrent = settings.maxConcurrentPerUser ?? deps.concurrency.perUser;
      await deps.chat.notify(conversation, usageView(periods, deps.quota.now(), concurrent));
      return;
    }
    case "admin":
      await deps.chat.notify(conversation, await runAdmin(deps, event, args));
      return;
    default:
      await deps.chat.notify(conversation, unknownSubcommandView(subcommand));
  }
}
