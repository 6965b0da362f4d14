// What runs beside the bot: the database it stores everything in, ffmpeg and ffprobe.

import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import type { Config } from "../../config.ts";
import { openDatabase } from "../../db/client.ts";
import { describeDatabaseError } from "../../db/describe-error.ts";
import { locate } from "../../media/binaries.ts";
import { heldBy, migrationsOfRunningBot } from "../held-database.ts";
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
    const pid = heldBy(error);
    if (pid !== undefined) return askedOfRunningBot(config.dataDir, pid, where);
    return {
      subject: "database",
      verdict: "fail",
      message: describeDatabaseError(error, config.databaseUrl !== undefined),
    };
  }
}

/** The embedded database is open in a running bot: it answers for it (not a failure: it's up). */
async function askedOfRunningBot(dataDir: string, pid: number, where: string): Promise<Finding> {
  const counts = await migrationsOfRunningBot(dataDir);
  if (counts === undefined)
    return {
      subject: "database",
      verdict: "note",
      message: `${where} is open in a running framecast (pid ${pid}), which did not answer doctor's question`,
      fix: "It may still be starting, or be an older version; run doctor again, or stop the bot to check the files.",
    };
  const behind = counts.shipped - counts.applied;
  return {
    subject: "database",
    verdict: behind <= 0 ? "ok" : "note",
    message: `${where} is open in the running bot (pid ${pid}), which answers; ${behind <= 0 ? "its tables are up to date" : `${behind} of ${counts.shipped} migrations are still to apply`}`,
    ...(behind <= 0 ? {} : { fix: "Restart the bot: start applies them before anything else." }),
  };
}

/**
 * `ffmpeg -version` and `ffprobe -version` of the binaries the bot would run (the bot fits, probes
 * and renders videos with them): configured, on `path`, or bundled by npm install.
 */
export async function checkTools(config: Config, path: string | undefined): Promise<Finding[]> {
  return Promise.all(
    (["ffmpeg", "ffprobe"] as const).map(async (binary): Promise<Finding> => {
      const variable = binary === "ffmpeg" ? "FFMPEG_PATH" : "FFPROBE_PATH";
      const found = await locate(binary, config.media[binary], path ?? "");
      const version = found === undefined ? undefined : await versionOf(found.path, path);
      if (found === undefined || version === undefined)
        return {
          subject: binary,
          verdict: "fail",
          message:
            found?.source === "configured"
              ? `${variable} (${found.path}) does not run`
              : `${binary} was not found on PATH, and npm install brought no build for this platform`,
          fix:
            found?.source === "configured"
              ? `Point ${variable} at a working ${binary}, or unset it to use the one on PATH or the bundled build.`
              : `Install it (Debian/Ubuntu apt-get install ffmpeg; macOS brew install ffmpeg) or set ${variable}.`,
        };
      const from = { configured: `from ${variable}`, system: "on PATH", bundled: "bundled by npm install" };
      return { subject: binary, verdict: "ok", message: `${version} (${from[found.source]})` };
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
