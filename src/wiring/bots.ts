// Which bots `start` runs: Discord and Slack when configured (both at once on one engine), else
// the console chat in this terminal. Each is a Bot; the engine talks to their chats through one
// port that routes every job's messages to the platform it came from.

import { writeSync } from "node:fs";
import { join } from "node:path";
import type { Bot } from "../app/bot.ts";
import type { JobMessages } from "../app/ports.ts";
import { ConsoleBot } from "../chat/console/console-bot.ts";
import { DiscordBot } from "../chat/discord/discord-bot.ts";
import { PlatformChats } from "../chat/platform-chats.ts";
import { SlackBot } from "../chat/slack/slack-bot.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { SqlSlackInstallations } from "../db/slack-installation-store.ts";

export interface BotContext {
  readonly config: Config;
  readonly db: Database;
  readonly logError: (error: unknown, reference: string) => void;
  readonly logWarning: (line: string) => void;
}

/** True when `start` runs a chat platform rather than the console. */
export function platformConfigured(config: Config): boolean {
  return (
    config.discord.token !== undefined ||
    config.slack.botToken !== undefined ||
    config.slack.oauth !== undefined
  );
}

export function createBots(context: BotContext, consoleOnly: boolean): Bot[] {
  const { config } = context;
  if (consoleOnly || !platformConfigured(config)) return [consoleBot(context)];
  const bots: Bot[] = [];
  if (config.slack.botToken !== undefined || config.slack.oauth !== undefined) bots.push(slackBot(context));
  const token = config.discord.token;
  if (token !== undefined)
    bots.push(
      new DiscordBot({
        token,
        apiUrl: config.discord.apiUrl,
        messageContent: config.discord.messageContent,
        ...(config.discord.publicKey === undefined ? {} : { publicKey: config.discord.publicKey }),
        gateway: config.discord.gateway,
        ...(config.discord.shards === undefined ? {} : { shards: config.discord.shards }),
        logError: context.logError,
      }),
    );
  return bots;
}

/** The job messages the engine uses: the bot's own, or one routing by platform. */
export function messagesOf(bots: readonly Bot[]): JobMessages {
  const [only] = bots;
  if (only !== undefined && bots.length === 1) return only.messages;
  return new PlatformChats(Object.fromEntries(bots.map((b) => [b.platform, b.messages])));
}

function slackBot(context: BotContext): SlackBot {
  const { botToken, oauth, signingSecret, appToken, apiUrl } = context.config.slack;
  const installations = new SqlSlackInstallations(context.db.db);
  return new SlackBot({
    ...(botToken === undefined ? {} : { token: botToken }),
    ...(oauth === undefined ? {} : { oauth: { ...oauth, installations } }),
    ...(signingSecret === undefined ? {} : { signingSecret }),
    ...(appToken === undefined ? {} : { appToken }),
    apiUrl,
    logError: context.logError,
    logWarning: context.logWarning,
  });
}

function consoleBot(context: BotContext): ConsoleBot {
  const { config } = context;
  const tty = process.stdout.isTTY === true;
  // Synchronous writes: a line the console printed is out before the next step can run.
  return new ConsoleBot({
    input: process.stdin,
    output: process.stdout,
    write: (text) => writeSync(1, text),
    interactive: process.stdin.isTTY === true && tty,
    render: renderOptions(config),
    dataDir: config.dataDir,
    postedLog: join(config.dataDir, "console-posted.log"),
    userName: config.userName,
    logError: context.logError,
  });
}

/** Colours and width for the terminal: colour only on a terminal, and not with NO_COLOR. */
export function renderOptions(config: Config): { color: boolean; width: number } {
  const tty = process.stdout.isTTY === true;
  return { color: tty && config.color, width: config.columns ?? process.stdout.columns ?? 100 };
}
