// The console as a Bot, started like Discord and Slack: its chat prints to the terminal, and it
// reads commands from the input until it ends (or /quit), then waits for its videos to end.

import type { Readable } from "node:stream";
import type { Bot } from "../../app/bot.ts";
import type { BotDeps } from "../../app/deps.ts";
import { ConsoleChat } from "./console-chat.ts";
import type { RenderOptions } from "./render.ts";
import { runConsole } from "./run-console.ts";

export interface ConsoleBotOptions {
  readonly input: Readable;
  readonly output: NodeJS.WritableStream;
  /** Prints a line at once (synchronously: out before the next step runs). */
  readonly write: (text: string) => void;
  readonly interactive: boolean;
  readonly render: RenderOptions;
  /** A file recording the videos already printed, so a restart never prints one twice. */
  readonly postedLog: string;
  readonly userName: string;
  /** Awaited after the last line: until every job started here has ended. */
  readonly afterInput: () => Promise<void>;
  readonly logError: (error: unknown, reference: string) => void;
}

export class ConsoleBot implements Bot {
  readonly platform = "console";
  readonly chat: ConsoleChat;
  readonly mounts = [];
  done: Promise<void> | undefined;
  readonly #options: ConsoleBotOptions;

  constructor(options: ConsoleBotOptions) {
    this.#options = options;
    this.chat = new ConsoleChat(options.write, options.render, options.postedLog);
  }

  async start(deps: Omit<BotDeps, "chat">): Promise<void> {
    const o = this.#options;
    this.done = runConsole({
      input: o.input,
      output: o.output,
      interactive: o.interactive,
      color: o.render.color,
      width: o.render.width,
      chat: this.chat,
      afterInput: o.afterInput,
      deps,
      userName: o.userName,
      logError: o.logError,
    });
  }

  /** Stops reading: a line being handled finishes; nothing new is read. */
  async stop(): Promise<void> {
    this.#options.input.destroy();
  }
}
