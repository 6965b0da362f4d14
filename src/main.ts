#!/usr/bin/env node
// framecast's one entry point, and the only place that wires concrete classes together.

import { runConsole } from "./chat/console/run-console.ts";
import { runCheck } from "./cli/check.ts";
import { loadConfig } from "./config.ts";

const USAGE = `framecast: AI video (PixVerse v5.6 and v6) for Discord and Slack

Usage: framecast [command]

Commands:
  start      run the bot on every configured platform; with none configured, the console (default)
  console    chat with the bot in this terminal (lines from a pipe work too)
  check      show what a /video command would make and cost:  framecast check "a fox --ar 9:16"
  help       this text`;

async function main(argv: readonly string[]): Promise<number> {
  const [command = "start", ...args] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(
      `framecast can't start: the configuration has problems.\n${loaded.problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every setting.\n`,
    );
    return 1;
  }
  const { config } = loaded;
  const tty = process.stdout.isTTY === true;
  const render = { color: tty && config.color, width: config.columns ?? process.stdout.columns ?? 100 };
  switch (command) {
    case "start":
    case "console":
      await runConsole({
        input: process.stdin,
        output: process.stdout,
        interactive: process.stdin.isTTY === true && tty,
        color: render.color,
        width: render.width,
        pricing: config.pricing,
        userName: config.userName,
        logError: (error, reference) => {
          process.stderr.write(
            `[${reference}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
          );
        },
      });
      return 0;
    case "check":
      return runCheck(args, config.pricing, {
        stdin: process.stdin,
        out: (text) => process.stdout.write(text),
        err: (text) => process.stderr.write(text),
        render,
      });
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `framecast stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
