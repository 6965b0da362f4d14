import { clearLine, createInterface, cursorTo, type Interface } from "node:readline";
import type { ChainsDeps } from "../../app/chains/ports.ts";
import type { BotDeps } from "../../app/deps.ts";
import { createCommandHandler } from "../../app/handle-command.ts";
import type { JobsDeps } from "../../app/jobs/ports.ts";
import type { ChatEvent, Conversation } from "../../core/chat-event.ts";
import { internalErrorView } from "../../core/views/notices.ts";
import { ConsoleChat } from "./console-chat.ts";
import { readLines } from "./lines.ts";
import { OwnJobs } from "./own-jobs.ts";
import { renderView } from "./render.ts";

export interface ConsoleOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** Interactive terminal: a prompt, colours and a greeting. Otherwise lines are read as a script. */
  readonly interactive: boolean;
  readonly color: boolean;
  readonly width: number;
  /** What the use cases need (its `messages` are the engine's: this console's when it runs alone). */
  readonly deps: BotDeps;
  /** The console's chat, when the caller needs it too (the job engine edits its messages). */
  readonly chat?: ConsoleChat;
  /** Resolves when the process is asked to stop (SIGINT, SIGTERM): no more lines are read. */
  readonly until?: Promise<unknown>;
  /** How often to read the state of this console's jobs while waiting for them (ms). */
  readonly pollMs?: number;
  readonly userName: string;
  /** Where to report a failure of our own (never shown in chat). */
  readonly logError: (error: unknown, reference: string) => void;
}

const GREETING =
  "framecast console: type /video <prompt> [options] to make a video, /help for every option, /models for the models, /history for your videos, /quit to leave.";

const videos = (n: number): string => `${n} video${n === 1 ? "" : "s"}`;

/**
 * The Hubot-style local adapter: each line is one chat message from one local user. Resolves once
 * the input ends (or /quit) and this console's jobs have ended, or at once when asked to stop
 * (Ctrl-C, a signal): its jobs then carry on at the next start.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const write = (text: string): void => {
    options.output.write(text);
  };
  const renderOptions = { color: options.color, width: options.width };
  const chat = options.chat ?? new ConsoleChat(write, renderOptions);
  const own = new OwnJobs(options.deps.jobs, chat, options.pollMs);
  const handle = createCommandHandler({
    ...options.deps,
    jobs: tracked(options.deps.jobs, own),
    ...trackedChains(options.deps.chains, own),
  });
  const conversation: Conversation = {
    platform: "console",
    workspaceId: "local",
    channelId: chat.channelId,
    userId: "local-user",
    userName: options.userName,
  };
  const reply = chat.replyTo(conversation);
  // A terminal gets readline (line editing, the prompt); piped input is split at line breaks only
  // (readline would also split one command at U+2028/U+2029).
  const lines = options.interactive
    ? createInterface({
        input: options.input,
        output: options.output,
        terminal: true,
        crlfDelay: Number.POSITIVE_INFINITY,
      })
    : undefined;
  const stop = stopper(lines, options.until, write);
  const prompt = lines === undefined ? undefined : showPrompt(lines, options.output, chat);
  if (options.interactive) write(`${GREETING}\n`);
  prompt?.();
  let count = 0;
  for await (const line of lines ?? untilStopped(readLines(options.input), stop.requested)) {
    chat.usePrompt(undefined);
    const text = line.trim();
    if (text === "/quit" || text === "/exit") break;
    // The person at the console runs this bot, so they manage its (single, local) workspace.
    const event: ChatEvent = { conversation, roles: [], isManager: true, input: { kind: "text", text } };
    try {
      await handle(event, reply);
    } catch (error) {
      count++;
      const reference = `console-${count}`;
      options.logError(error, reference);
      write(`${renderView(internalErrorView(reference), renderOptions)}\n`);
    }
    if (stop.stopped()) break;
    prompt?.();
  }
  lines?.close();
  await waitForOwn(own, stop, write);
}

/** The console's jobs deps, telling `own` of each job accepted here. */
function tracked(jobs: JobsDeps, own: OwnJobs): JobsDeps {
  return {
    ...jobs,
    onAccepted: (jobId) => {
      own.add(jobId);
      jobs.onAccepted?.(jobId);
    },
  };
}

/** The console's chains deps, telling `own` of each Continue chain started here. */
function trackedChains(chains: ChainsDeps | undefined, own: OwnJobs): { chains?: ChainsDeps } {
  if (chains === undefined) return {};
  return {
    chains: {
      ...chains,
      advance: (id, chat) => {
        own.addChain(id, chains.store);
        return chains.advance(id, chat);
      },
    },
  };
}

/** Piped lines until a stop is asked for: the line being read then is left unread. */
async function* untilStopped(source: AsyncGenerator<string>, stopped: Promise<void>): AsyncGenerator<string> {
  const ended = stopped.then(() => ({ done: true as const, value: undefined }));
  for (;;) {
    const next = await Promise.race([source.next(), ended]);
    if (next.done === true) return;
    yield next.value;
  }
}

interface Stop {
  readonly requested: Promise<void>;
  stopped(): boolean;
}

/** Ctrl-C (which an interactive terminal gives readline, not the process) or `until`: no more lines. */
function stopper(
  lines: Interface | undefined,
  until: Promise<unknown> | undefined,
  write: (text: string) => void,
): Stop {
  let stopped = false;
  const requested = new Promise<void>((resolve) => {
    const now = (): void => {
      stopped = true;
      lines?.close();
      resolve();
    };
    lines?.on("SIGINT", () => {
      write("\n"); // off the prompt's line
      now();
    });
    void until?.then(now);
  });
  return { requested, stopped: () => stopped };
}

/** At the end of input, waits for this console's jobs, saying so; on a stop, says what carries on. */
async function waitForOwn(own: OwnJobs, stop: Stop, write: (text: string) => void): Promise<void> {
  if (own.count > 0 && !stop.stopped()) {
    write(
      `… Waiting for ${videos(own.count)} to finish. Ctrl-C stops now; they carry on at the next start.\n`,
    );
    await Promise.race([own.settled(), stop.requested]);
  }
  if (stop.stopped() && own.count > 0)
    write(
      `… Stopping: ${videos(own.count)} in progress ${own.count === 1 ? "carries" : "carry"} on when framecast starts again (charged only once delivered). Finishing the step running now, up to 10 s.\n`,
    );
}

/** Shows the prompt, and keeps it under anything printed while it waits for a line. */
function showPrompt(lines: Interface, output: NodeJS.WritableStream, chat: ConsoleChat): () => void {
  lines.setPrompt("framecast> ");
  let open = true;
  lines.once("close", () => {
    open = false;
    chat.usePrompt(undefined);
  });
  const line = {
    hide: (): void => {
      cursorTo(output, 0);
      clearLine(output, 0);
    },
    show: (): void => lines.prompt(true),
  };
  return () => {
    if (!open) return;
    lines.prompt();
    chat.usePrompt(line);
  };
}
