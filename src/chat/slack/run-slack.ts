// `npm start` with Slack configured: the engine (started by the caller with the bot's chat), the
// bolt app, and in HTTP mode /slack/… (events; with OAuth also install and redirect) on the bot's
// one HTTP server (PORT), beside webhooks, health and metrics; in Socket Mode no inbound port is
// needed. Runs until `until` resolves.

import type { RequestListener, Server } from "node:http";
import type { BotDeps } from "../../app/deps.ts";
import type { ChatPort } from "../../app/ports.ts";
import type { SlackOAuth } from "./bolt-app.ts";
import { SlackBot } from "./slack-bot.ts";

/** Every path bolt answers in HTTP mode starts with this. */
export const SLACK_PATH_PREFIX = "/slack/";

/** Secrets: never logged. One workspace (`botToken`) or several (`oauth`). */
export interface SlackSettings {
  readonly botToken?: string | undefined;
  readonly oauth?: SlackOAuth | undefined;
  readonly signingSecret: string | undefined;
  readonly appToken: string | undefined;
  readonly apiUrl: string;
}

export interface SlackEngine {
  readonly deps: Omit<BotDeps, "chat">;
  /** The bot's HTTP server (PORT), when there is one. */
  readonly server: Server | undefined;
  stop(): Promise<void>;
}

export interface RunSlackOptions {
  readonly settings: SlackSettings;
  /** Starts the engine with the Slack chat the engine posts through. */
  readonly start: (chat: ChatPort) => Promise<SlackEngine>;
  readonly until: Promise<void>;
  readonly log: (line: string) => void;
  readonly logWarning?: (line: string) => void;
  readonly logError: (error: unknown, reference: string) => void;
}

export async function runSlack(options: RunSlackOptions): Promise<number> {
  const { botToken, oauth, signingSecret, appToken, apiUrl } = options.settings;
  const bot = new SlackBot({
    ...(botToken === undefined ? {} : { token: botToken }),
    ...(oauth === undefined ? {} : { oauth }),
    ...(signingSecret === undefined ? {} : { signingSecret }),
    ...(appToken === undefined ? {} : { appToken }),
    apiUrl,
    logError: options.logError,
    logWarning: options.logWarning,
  });
  const engine = await options.start(bot.chat);
  try {
    await bot.start(engine.deps);
    const listener = bot.requestListener;
    if (listener === undefined) options.log("framecast: connected to Slack (Socket Mode); Ctrl-C to stop.");
    else if (engine.server === undefined) throw new Error("Slack's HTTP mode needs PORT");
    else {
      mountAt(engine.server, SLACK_PATH_PREFIX, listener);
      const install = options.settings.oauth === undefined ? "" : "; install at /slack/install";
      options.log(`framecast: Slack requests at /slack/events (HTTP mode${install}); Ctrl-C to stop.`);
    }
    await options.until;
  } finally {
    await bot.stop();
    await engine.stop();
  }
  return 0;
}

/** Sends requests under `prefix` to `listener`, and everything else to the server's own handler. */
export function mountAt(server: Server, prefix: string, listener: RequestListener): void {
  const others = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  server.on("request", (req, res) => {
    if (new URL(req.url ?? "/", "http://localhost").pathname.startsWith(prefix)) listener(req, res);
    else for (const other of others) other(req, res);
  });
}
