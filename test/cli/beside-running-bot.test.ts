import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onPostgres } from "../support/database.ts";
import { MAIN, runCli } from "../support/run-cli.ts";

// usage and doctor while the console bot runs on the embedded database (which one process only
// may open): they ask the running bot through its control socket instead of failing.

const dataDir = mkdtempSync(join(tmpdir(), "framecast-beside-"));
let bot: ChildProcess;
let output = "";

describe.skipIf(onPostgres())("ops commands beside a running bot on the embedded database", () => {
  beforeAll(async () => {
    bot = spawn(process.execPath, [MAIN, "start"], {
      cwd: dataDir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        FRAMECAST_DATA_DIR: dataDir,
        FRAMECAST_PREVIEW_SECONDS: "0",
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    bot.stdin?.write("/video a fox in snow --dur 5\n"); // stdin stays open: the bot keeps running
    await new Promise<void>((resolve, reject) => {
      bot.stdout?.setEncoding("utf8").on("data", (d: string) => {
        output += d;
        if (output.includes("Your video is ready")) resolve();
      });
      bot.on("exit", (code) => reject(new Error(`the bot exited (${code}): ${output}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (bot.exitCode !== null) return;
    const exited = new Promise((resolve) => bot.once("exit", resolve));
    bot.stdin?.end();
    bot.kill("SIGTERM");
    await exited;
  });

  it("GIVEN the bot holds ./data THEN framecast usage shows its spend, read through the bot", async () => {
    const r = await runCli(["usage", "--json"], "", { FRAMECAST_DATA_DIR: dataDir });
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout) as { rows: { platform: string; previews: number; videos: number }[] };
    // The offline preview is counted apart (free), not as a charged video.
    expect(report.rows).toMatchObject([{ platform: "console", previews: 1, videos: 0 }]);
    expect(r.code).toBe(0);
  });

  it("GIVEN the bot holds ./data THEN doctor passes, saying the running bot answers for the database", async () => {
    const r = await runCli(["doctor"], "", { FRAMECAST_DATA_DIR: dataDir });
    expect(r.stdout).toMatch(
      /✓ database: the embedded database in .* is open in the running bot \(pid \d+\), which answers; its tables are up to date/u,
    );
    expect(r.stdout).toContain("No problems found.");
    expect(r.code).toBe(0);
  });
});
