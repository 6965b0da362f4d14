// `npm start` with Slack configured: the engine (started by the caller with the bot's chat), the
// bolt app, and in HTTP mode /slack/events on the bot's one HTTP server (PORT), beside webhooks,
// health and metrics; in Socket Mode no inbound port is needed. Runs until `until` resolves.

import type { RequestListener, Server } from "node:http";
import type { BotDeps } from "../../app/deps.ts";
import type { ChatPort } from "../../app/ports.ts";
import { SLACK_EVENTS_PATH, SlackBot } from "./slack-bot.ts";

export interface SlackSettings {
  /** Secrets: never logged. */
  readonly botToken: string;
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
  /** Starts the engine (and opens the database) with the Slack chat the engine posts through. */
  readonly start: (chat: ChatPort) => Promise<SlackEngine>;
  readonly until: Promise<void>;
  readonly log: (line: string) => void;
  readonly logError: (error: unknown, reference: string) => void;
}

export async function runSlack(options: RunSlackOptions): Promise<number> {
  const { settings } = options;
  const bot = new SlackBot({
    token: settings.botToken,
    ...(settings.appToken === undefined ? {} : { appToken: settings.appToken }),
    ...(settings.signingSecret === undefined ? {} : { signingSecret: settings.signingSecret }),
    apiUrl: settings.apiUrl,
    logError: options.logError,
  });
  const engine = await options.start(bot.chat);
  try {
    await bot.start(engine.deps);
    const listener = bot.requestListener;
    if (listener === undefined) options.log("framecast: connected to Slack (Socket Mode); Ctrl-C to stop.");
    else if (engine.server === undefined) throw new Error("Slack's HTTP mode needs PORT");
    else {
      mountAt(engine.server, SLACK_EVENTS_PATH, listener);
      options.log(`framecast: Slack requests at ${SLACK_EVENTS_PATH} (HTTP mode); Ctrl-C to stop.`);
    }
    await options.until;
  } finally {
    await bot.stop();
    await engine.stop();
  }
  return 0;
}

/** Sends requests for `path` to `listener`, and everything else to the server's own handler. */
export function mountAt(server: Server, path: string, listener: RequestListener): void {
  const others = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  server.on("request", (req, res) => {
    if (new URL(req.url ?? "/", "http://localhost").pathname === path) listener(req, res);
    else for (const other of others) other(req, res);
  });
}
