import type { ChatEvent } from "../core/chat-event.ts";
import { type CheckedCommand, checkVideoCommand, checkVideoOptions } from "../core/command.ts";
import type { Pricing } from "../core/pricing.ts";
import { routeText } from "../core/route.ts";
import { helpView } from "../core/views/help.ts";
import { modelsView } from "../core/views/models.ts";
import { unknownCommandView, unknownSubcommandView } from "../core/views/notices.ts";
import { commandErrorsView, requestPreviewView } from "../core/views/request.ts";
import type { View } from "../core/views/view.ts";
import type { ChatPort } from "./ports.ts";

export interface CommandDeps {
  readonly chat: ChatPort;
  readonly pricing: Pricing;
}

/** Handles one chat event end to end: route, check, reply. */
export function createCommandHandler(deps: CommandDeps): (event: ChatEvent) => Promise<void> {
  return async (event) => {
    const { conversation } = event;
    if (event.input.kind === "video-options") {
      const { options } = event.input;
      await video(deps, event, checkVideoOptions(options, deps.pricing));
      return;
    }
    const route = routeText(event.input.text);
    switch (route.kind) {
      case "empty":
        return;
      case "video":
        await video(deps, event, checkVideoCommand(route.text, deps.pricing));
        return;
      case "framecast":
        await deps.chat.notify(conversation, framecastView(route.subcommand, deps.pricing));
        return;
      case "unknown":
        await deps.chat.notify(conversation, unknownCommandView(route.command));
        return;
    }
  };
}

async function video(deps: CommandDeps, event: ChatEvent, checked: CheckedCommand): Promise<void> {
  if (!checked.ok) {
    await deps.chat.notify(event.conversation, commandErrorsView(checked.errors));
    return;
  }
  const preview = requestPreviewView(checked.request, checked.cost);
  const view: View = {
    ...preview,
    blocks: [
      ...preview.blocks,
      {
        kind: "text",
        text: "No video provider is connected yet, so nothing was generated and nothing was charged.",
      },
    ],
  };
  await deps.chat.post(event.conversation, view);
}

function framecastView(subcommand: string, pricing: Pricing): View {
  switch (subcommand) {
    case "help":
      return helpView();
    case "models":
      return modelsView(pricing);
    default:
      return unknownSubcommandView(subcommand);
  }
}
