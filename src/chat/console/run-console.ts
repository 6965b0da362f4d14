import { createInterface } from "node:readline";
import type { BotDeps } from "../../app/deps.ts";
import { createCommandHandler } from "../../app/handle-command.ts";
import type { ChatPort } from "../../app/ports.ts";
import type { ChatEvent, Conversation } from "../../core/chat-event.ts";
import { internalErrorView } from "../../core/views/notices.ts";
import { ConsoleChat } from "./console-chat.ts";
import { readLines } from "./lines.ts";
import { renderView } from "./render.ts";

export interface ConsoleOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** Interactive terminal: a prompt, colours and a greeting. Otherwise lines are read as a script. */
  readonly interactive: boolean;
  readonly color: boolean;
  readonly width: number;
  /** Everything but the chat port, which is this console. */
  readonly deps: Omit<BotDeps, "chat">;
  /** The console's ChatPort, when the caller needs it too (the job engine edits its messages). */
  readonly chat?: ChatPort;
  /** Awaited after the last line, before returning: e.g. until every job started here has ended. */
  readonly afterInput?: () => Promise<void>;
  readonly userName: string;
  /** Where to report a failure of our own (never shown in chat). */
  readonly logError: (error: unknown, reference: string) => void;
}

const GREETING =
  "framecast console: type /video <prompt> [options] to make a video, /help for every option, /models for the models, /quit to leave.";

/**
 * The Hubot-style local adapter: each line is one chat message from one local user. Resolves once
 * the input ends (or /quit) and every line has been handled, in order.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const write = (text: string): void => {
    options.output.write(text);
  };
  const renderOptions = { color: options.color, width: options.width };
  const chat = options.chat ?? new ConsoleChat(write, renderOptions);
  const handle = createCommandHandler({ ...options.deps, chat });
  const conversation: Conversation = {
    platform: "console",
    workspaceId: "local",
    channelId: "console",
    userId: "local-user",
    userName: options.userName,
  };
  // A terminal gets readline (line editing, the prompt); piped input is split at line breaks only.
  const lines = options.interactive
    ? createInterface({
        input: options.input,
        output: options.output,
        terminal: true,
        crlfDelay: Number.POSITIVE_INFINITY,
      })
    : undefined;
  if (lines !== undefined) {
    write(`${GREETING}\n`);
    lines.setPrompt("framecast> ");
    lines.prompt();
  }
  let count = 0;
  for await (const line of lines ?? readLines(options.input)) {
    const text = line.trim();
    if (text === "/quit" || text === "/exit") break;
    // The person at the console runs this bot, so they manage its (single, local) workspace.
    const event: ChatEvent = { conversation, roles: [], isManager: true, input: { kind: "text", text } };
    try {
      await handle(event);
    } catch (error) {
      count++;
      const reference = `console-${count}`;
      options.logError(error, reference);
      write(`${renderView(internalErrorView(reference), renderOptions)}\n`);
    }
    lines?.prompt();
  }
  lines?.close();
  await options.afterInput?.();
}
