// What runs beside the bot: the database it stores everything in, ffmpeg and ffprobe.

import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import type { Config } from "../../config.ts";
import { openDatabase } from "../../db/client.ts";
import { describeDatabaseError } from "../../db/describe-error.ts";
import type { Finding } from "./findings.ts";
import { appliedMigrations, shippedMigrations } from "./migrations.ts";

/** Connects, asks one trivial query and how far migrations went; changes nothing. */
export async function checkDatabase(config: Config): Promise<Finding> {
  const where = config.databaseUrl
    ? "PostgreSQL at DATABASE_URL"
    : `the embedded database in ${config.dataDir}`;
  try {
    const db = config.databaseUrl
      ? await openDatabase({
          kind: "postgres",
          url: config.databaseUrl,
          poolSize: 1,
          ...(config.dbSchema ? { schema: config.dbSchema } : {}),
        })
      : await openDatabase({ kind: "pglite", dataDir: config.dataDir });
    let applied: number;
    try {
      await db.db.execute(sql`SELECT 1`);
      applied = await appliedMigrations(db.db, config.databaseUrl ? config.dbSchema : undefined);
    } finally {
      await db.close();
    }
    const shipped = shippedMigrations();
    if (applied >= shipped)
      return { subject: "database", verdict: "ok", message: `${where} answers; its tables are up to date` };
    return {
      subject: "database",
      verdict: "note",
      message: `${where} answers; ${applied === 0 ? "framecast's tables aren't there yet" : `${shipped - applied} of ${shipped} migrations are still to apply`}`,
      fix: "framecast start applies them before anything else (or run framecast migrate now).",
    };
  } catch (error) {
    return {
      subject: "database",
      verdict: "fail",
      message: describeDatabaseError(error, config.databaseUrl !== undefined),
    };
  }
}

/** `ffmpeg -version` and `ffprobe -version` on `path` (the bot fits, probes and renders videos with them). */
export async function checkTools(path: string | undefined): Promise<Finding[]> {
  return Promise.all(
    (["ffmpeg", "ffprobe"] as const).map(async (binary): Promise<Finding> => {
      const version = await versionOf(binary, path);
      return version === undefined
        ? {
            subject: binary,
            verdict: "fail",
            message: `${binary} was not found on PATH`,
            fix: "Install it: Debian/Ubuntu apt-get install ffmpeg; macOS brew install ffmpeg (the Docker image has it).",
          }
        : { subject: binary, verdict: "ok", message: version };
    }),
  );
}

function versionOf(binary: string, path: string | undefined): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(binary, ["-version"], {
      stdio: ["ignore", "pipe", "ignore"],
      env: path === undefined ? {} : { PATH: path },
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
    });
    child.on("error", () => resolve(undefined));
    child.on("close", (code) =>
      resolve(code === 0 ? (out.split("\n")[0] ?? binary).replace(/ Copyright.*$/u, "").trim() : undefined),
    );
  });
}
