// framecast's subcommands: what each is for and its help text. main dispatches on these names;
// `--help`/`-h` after any of them prints its help, `--version`/`-v` anywhere prints the version.

import { readFileSync } from "node:fs";
import { CHECK_USAGE } from "./check.ts";
import { USAGE_USAGE } from "./usage/run-usage.ts";

export const COMMANDS = {
  start: {
    summary:
      "run the bot on every configured platform (Discord with DISCORD_TOKEN, Slack with SLACK_BOT_TOKEN, both at once); with none, the console (default)",
    help: `Usage: framecast start

Runs the bot: on Discord (DISCORD_TOKEN) and Slack (SLACK_BOT_TOKEN or OAuth) when configured, both
at once; with neither, the console chat in this terminal. Checks each token first, applies pending
database migrations, carries on every job a previous run left open, and stops cleanly on Ctrl-C or
SIGTERM (running steps finish, up to 10 s). Reads .env from the working folder.`,
  },
  console: {
    summary: "chat with the bot in this terminal (lines from a pipe work too)",
    help: `Usage: framecast console

The console chat: type what a chat user would (/video a fox --dur 5, /framecast help). Lines
from a pipe work too: one command per line, and it exits once their videos have ended.`,
  },
  migrate: {
    summary: "apply database migrations (start does this too)",
    help: `Usage: framecast migrate

Applies every database migration not applied yet, then exits (start does this too).`,
  },
  "register-commands": {
    summary: "register /video and /framecast with Discord (globally, or in DISCORD_GUILD_ID)",
    help: `Usage: framecast register-commands

Registers /video, /framecast and the "Animate with framecast" message command with Discord:
globally (they may take up to an hour to appear), or in DISCORD_GUILD_ID at once. Needs DISCORD_TOKEN.`,
  },
  check: {
    summary: 'show what a /video command would make and cost:  framecast check "a fox --ar 9:16"',
    help: CHECK_USAGE,
  },
  usage: {
    summary:
      "spend per workspace and user, last 30 days:  framecast usage [--json] [--by workspace] [--days N]",
    help: USAGE_USAGE,
  },
  doctor: {
    summary:
      "check the configuration, the database, every token and key, and ffmpeg; say how to fix what's wrong",
    help: `Usage: framecast doctor

Checks the settings (and says which .env it read), the database, each token and key with a call that
spends nothing, and ffmpeg; says how to fix what is wrong. Exits 1 when something failed, so it
also works as a deployment check. Never prints a secret.`,
  },
  help: { summary: "this text", help: "Usage: framecast help [command]" },
} as const satisfies Record<string, { summary: string; help: string }>;

export type CommandName = keyof typeof COMMANDS;

export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

export function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`);
  return `framecast ${version()}: AI video (PixVerse v5.6 and v6) for Discord and Slack

Usage: framecast [command] [--help]

Commands:
${lines.join("\n")}

Storage: PostgreSQL when DATABASE_URL is set, else an embedded database in FRAMECAST_DATA_DIR (./data).
Settings: the environment, over .env in the working folder.`;
}

/** The package's version (package.json beside src/). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version?: unknown;
  };
  return typeof pkg.version === "string" ? pkg.version : "unknown";
}

/** What to print for `args` when it asks for help or the version; undefined to run the command. */
export function helpOrVersion(command: string, args: readonly string[]): string | undefined {
  // Flags after "--" belong to the command's text (framecast check -- "-v …").
  const end = args.indexOf("--");
  const flags = end === -1 ? args : args.slice(0, end);
  const all = [command, ...flags];
  if (all.includes("--version") || all.includes("-v") || command === "version")
    return `framecast ${version()}`;
  if (command === "help") {
    const about = args[0];
    return about !== undefined && isCommand(about) ? COMMANDS[about].help : overview();
  }
  if (command === "--help" || command === "-h") return overview();
  if ((flags.includes("--help") || flags.includes("-h")) && isCommand(command)) return COMMANDS[command].help;
  return undefined;
}
