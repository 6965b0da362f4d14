#!/usr/bin/env node
// framecast's one entry point: argv → settings → the subcommand → exit code. The wiring of
// concrete classes is in src/wiring/, loaded only for the subcommand that runs.

import { helpOrVersion, isCommand, overview } from "./cli/commands.ts";
import { type Config, loadConfig, readEnvironment } from "./config.ts";
import { useMediaBinaries } from "./media/binaries.ts";
import { stoppedBySignalAlready } from "./wiring/signals.ts";
import { StartupError } from "./wiring/startup-error.ts";

type Runner = (config: Config, args: readonly string[]) => Promise<number>;

const RUNNERS: Record<string, () => Promise<Runner>> = {
  start: async () => {
    const { runStart } = await import("./wiring/start.ts");
    return (config) => runStart(config, false);
  },
  console: async () => {
    const { runStart } = await import("./wiring/start.ts");
    return (config) => runStart(config, true);
  },
  migrate: async () => (await import("./wiring/commands.ts")).runMigrate,
  "register-commands": async () => (await import("./wiring/commands.ts")).runRegisterCommands,
  check: async () => (await import("./wiring/commands.ts")).runCheckCommand,
  usage: async () => (await import("./wiring/commands.ts")).runUsageCommand,
};

async function main(argv: readonly string[]): Promise<number> {
  const [command = "start", ...args] = argv;
  const help = helpOrVersion(command, args);
  if (help !== undefined) return print(process.stdout, help, 0);
  if (!isCommand(command)) return print(process.stderr, `Unknown command "${command}".\n\n${overview()}`, 2);
  const { env, file } = readEnvironment();
  if (command === "doctor") {
    const { runDoctor } = await import("./cli/doctor/run-doctor.ts");
    return runDoctor(env, (text) => process.stdout.write(text), undefined, { file, dir: process.cwd() });
  }
  const loaded = loadConfig(env);
  if (!loaded.ok) {
    const problems = loaded.problems.map((p) => `  - ${p}`).join("\n");
    return print(
      process.stderr,
      `framecast can't start: the configuration has problems.\n${problems}\nSee .env.example for every setting.`,
      1,
    );
  }
  useMediaBinaries(loaded.config.media);
  const run = await RUNNERS[command]?.();
  return run === undefined ? 2 : run(loaded.config, args);
}

function print(stream: NodeJS.WriteStream, text: string, code: number): number {
  stream.write(`${text}\n`);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Stopped by a signal, with everything closed: a timer or socket left over must not keep it up.
    if (stoppedBySignalAlready()) process.exit(code);
  },
  (error: unknown) => {
    const message =
      error instanceof StartupError
        ? error.message
        : `framecast stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  },
);
