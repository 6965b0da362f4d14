import type { BotDeps } from "../../src/app/deps.ts";
import { createCommandHandler } from "../../src/app/handle-command.ts";
import type { Reply } from "../../src/app/ports.ts";
import type { ChatEvent, Conversation } from "../../src/core/chat-event.ts";

/** The command handler answering each event through `chat`'s reply for the event's conversation. */
export function handler(
  deps: BotDeps,
  chat: { replyTo(conversation: Conversation): Reply },
): (event: ChatEvent) => Promise<void> {
  const handle = createCommandHandler(deps);
  return (event) => handle(event, chat.replyTo(event.conversation));
}
