// The real bot (`node src/main.ts start`) as a child process for benchmarks, on PostgreSQL in a
// fresh schema (dropped by stop()), with the fake PixVerse as its provider and the per-user daily
// quota and concurrency lifted, so every valid /video is accepted. Its output goes to a file, not
// a pipe: a pipe the busy benchmark drains late would block the bot's synchronous log writes.

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { fakePixverseEnv } from "../../test/support/bot-env.ts";

export interface BotProcess {
  readonly child: ChildProcess;
  /** The bot's stdout and stderr. */
  readonly logPath: string;
  /** Rejects (with the end of the log) if the bot exits before stop(). */
  readonly failed: Promise<never>;
  /** Stops the bot (SIGTERM, then SIGKILL after `graceMs`) and drops its schemas (unless shared). */
  stop(graceMs?: number): Promise<void>;
}

export interface BotProcessOptions {
  readonly databaseUrl: string;
  readonly pixverse: { readonly baseUrl: string; readonly apiKey: string };
  /** More environment (platform tokens, limits); wins over the defaults here. */
  readonly env?: Readonly<Record<string, string>>;
  /** Node flags for the bot; default `--max-semi-space-size=1`, as `npm start` runs it. */
  readonly nodeOptions?: string;
  /** A schema several bots share (the caller drops it: dropSchemas); default a fresh one of its own. */
  readonly schema?: string;
}

/** Drops a bench's schema and its queue's. */
export async function dropSchemas(databaseUrl: string, schema: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql.unsafe(
    `DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_boss" CASCADE`,
  );
  await sql.end();
}

export function startBotProcess(options: BotProcessOptions): BotProcess {
  const schema = options.schema ?? `bench_${randomBytes(4).toString("hex")}`;
  const dataDir = mkdtempSync(join(tmpdir(), "framecast-bench-"));
  const logPath = join(dataDir, "bot.log");
  const log = openSync(logPath, "a");
  const child = spawn(process.execPath, [new URL("../../src/main.ts", import.meta.url).pathname, "start"], {
    cwd: dataDir, // not the checkout: a .env there must not reach a bench
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_OPTIONS: options.nodeOptions ?? "--max-semi-space-size=1",
      DATABASE_URL: options.databaseUrl,
      FRAMECAST_DB_SCHEMA: schema,
      FRAMECAST_DATA_DIR: dataDir,
      ...fakePixverseEnv(options.pixverse),
      ...options.env,
    },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  // A benchmark that dies must not leave its bot running.
  const orphanGuard = (): void => {
    child.kill("SIGKILL");
  };
  process.once("exit", orphanGuard);
  let stopping = false;
  const failed = new Promise<never>((_, reject) => {
    child.once("exit", (code, signal) => {
      if (stopping) return;
      const tail = readFileSync(logPath, "utf8").slice(-2000);
      reject(new Error(`the bot exited (${code ?? signal}); the end of ${logPath}:\n${tail}`));
    });
  });
  failed.catch(() => {});
  return {
    child,
    logPath,
    failed,
    stop: async (graceMs = 15_000) => {
      stopping = true;
      process.off("exit", orphanGuard);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }
      if (options.schema === undefined) await dropSchemas(options.databaseUrl, schema);
    },
  };
}
