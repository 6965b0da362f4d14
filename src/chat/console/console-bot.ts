// The console as a Bot, started like Discord and Slack: its chat prints to the terminal, and it
// reads commands from the input until it ends (or /quit), then waits for its own videos to end.
// Several consoles can share one PostgreSQL: each is its data folder's console (identity.ts) and
// shows only its own jobs.

import type { Readable } from "node:stream";
import type { Bot } from "../../app/bot.ts";
import type { BotDeps } from "../../app/deps.ts";
import { ConsoleChat } from "./console-chat.ts";
import { type ConsoleIdentity, consoleIdentity } from "./identity.ts";
import type { RenderOptions } from "./render.ts";
import { runConsole } from "./run-console.ts";

export interface ConsoleBotOptions {
  readonly input: Readable;
  readonly output: NodeJS.WritableStream;
  /** Prints a line at once (synchronously: out before the next step runs). */
  readonly write: (text: string) => void;
  readonly interactive: boolean;
  readonly render: RenderOptions;
  /** The console's data folder: its identity and its record of the videos already printed. */
  readonly dataDir: string;
  /** A file recording the videos already printed, so a restart never prints one twice. */
  readonly postedLog: string;
  readonly userName: string;
  readonly logError: (error: unknown, reference: string) => void;
}

export class ConsoleBot implements Bot {
  readonly platform = "console";
  readonly messages: ConsoleChat;
  readonly mounts = [];
  done: Promise<void> | undefined;
  readonly #options: ConsoleBotOptions;
  readonly #identity: ConsoleIdentity;
  #stop: (() => void) | undefined;
  readonly #stopped = new Promise<void>((resolve) => {
    this.#stop = resolve;
  });

  constructor(options: ConsoleBotOptions) {
    this.#options = options;
    this.#identity = consoleIdentity(options.dataDir);
    this.messages = new ConsoleChat(
      options.write,
      options.render,
      options.postedLog,
      this.#identity.channelId,
    );
  }

  async start(deps: BotDeps): Promise<void> {
    const o = this.#options;
    // Resolves at the end of input once this console's jobs have ended, or at once on a stop.
    this.done = runConsole({
      input: o.input,
      output: o.output,
      interactive: o.interactive,
      color: o.render.color,
      width: o.render.width,
      chat: this.messages,
      until: this.#stopped,
      deps,
      userName: o.userName,
      logError: o.logError,
    });
  }

  /** Stops reading and says what carries on; the line being handled finishes first. */
  async stop(): Promise<void> {
    this.#stop?.();
    await this.done?.catch(() => undefined);
    this.#options.input.destroy();
    this.#identity.release();
  }
}
