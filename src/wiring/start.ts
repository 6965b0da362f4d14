// `framecast start` and `framecast console`: the bots, one engine, until a signal (or the end of
// the console's input); then the bots stop taking events, running steps finish, and it exits.

import type { Bot } from "../app/bot.ts";
import { preflight } from "../cli/preflight.ts";
import type { Config } from "../config.ts";
import { createLogger } from "../log/logger.ts";
import { secretValues } from "../log/secrets.ts";
import { botDeps } from "./bot-deps.ts";
import { createBots, messagesOf, platformConfigured } from "./bots.ts";
import type { RunningEngine } from "./configured-engine.ts";
import { startConfiguredEngine } from "./configured-engine.ts";
import { openConfiguredDatabase } from "./database.ts";
import { stopSignal } from "./signals.ts";
import { StartupError } from "./startup-error.ts";

export async function runStart(config: Config, consoleOnly: boolean): Promise<number> {
  const platforms = !consoleOnly && platformConfigured(config);
  const log = createLogger({
    // The console's terminal is its chat: only warnings and errors go there unless asked.
    level: config.logLevel ?? (platforms ? "info" : "warn"),
    pretty: process.stderr.isTTY === true,
    color: config.color,
    secrets: secretValues(config),
  });
  const logError = (error: unknown, reference: string): void => {
    log.error({ err: error, reference }, "unexpected error");
  };
  if (platforms) {
    const problem = await preflight(config);
    if (problem !== undefined) throw new StartupError(problem);
  }
  const stop = stopSignal();
  const db = await openConfiguredDatabase(config);
  let running: RunningEngine | undefined;
  const bots = createBots(
    {
      config,
      db,
      logError,
      logWarning: (line) => log.warn(line),
    },
    consoleOnly,
  );
  try {
    const messages = messagesOf(bots);
    running = await startConfiguredEngine(
      config,
      db,
      messages,
      log,
      bots.flatMap((b) => b.mounts),
    );
    const deps = botDeps(config, db, running.engine.jobs, messages, running.engine.chains?.deps);
    for (const bot of bots) {
      await bot.start(deps);
      log.info(started(bot));
    }
    const ended = bots.flatMap((b) => (b.done === undefined ? [] : [b.done.then(() => undefined)]));
    const signal = await Promise.race([stop, ...ended]);
    if (signal !== undefined) log.info({ signal }, "stopping: no new commands; running steps finish");
  } finally {
    for (const bot of bots) await bot.stop();
    await running?.stop();
    await db.close();
  }
  return 0;
}

function started(bot: Bot): string {
  if (bot.platform === "discord")
    return bot.mounts.length === 0
      ? "connected to Discord; Ctrl-C to stop"
      : "Discord interactions at /discord/interactions (HTTP); Ctrl-C to stop";
  if (bot.platform === "console") return "console ready";
  return bot.mounts.length === 0
    ? "connected to Slack (Socket Mode); Ctrl-C to stop"
    : "Slack requests at /slack/events (HTTP mode); Ctrl-C to stop";
}
