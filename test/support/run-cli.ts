import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `framecast <args>` as a real process on this Node, feeding `stdin`; resolves when it exits.
 * It gets its own empty data folder (and DATABASE_URL only if the caller passes one).
 */
export function runCli(
  args: readonly string[],
  stdin = "",
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
): Promise<CliResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "framecast-cli-"));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      // Its own folder unless told: a .env in the checkout (a developer's real tokens) must not reach tests.
      cwd: cwd ?? dataDir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, FRAMECAST_DATA_DIR: dataDir, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
