import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord/index.ts";
import { onPostgres } from "../support/database.ts";
import { runCli } from "../support/run-cli.ts";

// Every framecast command reads .env from the folder it runs in; the real environment wins.

const discord = new FakeDiscord();
beforeAll(() => discord.start());
afterAll(() => discord.stop());

/** A working folder holding `.env` with `lines`. */
function folderWithEnv(lines: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "framecast-envfile-"));
  writeFileSync(join(dir, ".env"), `# written by a test\n${lines.join("\n")}\n`);
  return dir;
}

describe.skipIf(onPostgres())(".env in the working folder", () => {
  it("GIVEN a Discord token in .env THEN start uses it (and says Discord refused this one)", async () => {
    const dir = folderWithEnv([
      `DISCORD_TOKEN="${discord.token}x"`,
      `DISCORD_API_URL=${discord.restUrl}/api`,
    ]);
    const r = await runCli(["start"], "", {}, dir);
    expect(r.stderr).toContain(
      "framecast can't start on Discord: DISCORD_TOKEN was refused by Discord (401)",
    );
    expect(r.code).toBe(1);
  });

  it("GIVEN .env THEN doctor names the file it read and checks the token from it", async () => {
    const dir = folderWithEnv([`DISCORD_TOKEN=${discord.token}`, `DISCORD_API_URL=${discord.restUrl}/api`]);
    const r = await runCli(["doctor"], "", {}, dir);
    expect(r.stdout).toContain(
      `✓ settings: read ${join(dir, ".env")} (a variable set in the environment wins over it)`,
    );
    expect(r.stdout).toContain("✓ Discord: DISCORD_TOKEN works");
  });

  it("GIVEN a variable both in .env and the environment THEN the environment's value wins", async () => {
    const dir = folderWithEnv([
      "FRAMECAST_CREDIT_CENTS=not-a-number",
      `FRAMECAST_PRICES='{"v5.6":{"perSecondCents":{"720p":10}}}'`,
    ]);
    const r = await runCli(["check", "a fox"], "", { FRAMECAST_CREDIT_CENTS: "5" }, dir);
    // .env's price (10¢/s × 5 s = 50¢) at the environment's 5¢ a credit; .env's bad value is overridden.
    expect(r.stdout).toContain("Cost:  10 credits ($0.50 list price)");
    expect(r.code).toBe(0);
  });

  it("GIVEN no .env THEN doctor says the settings come from the environment only", async () => {
    const dir = mkdtempSync(join(tmpdir(), "framecast-envfile-"));
    const r = await runCli(["doctor"], "", {}, dir);
    expect(r.stdout).toContain(`✓ settings: from the environment only (no .env in ${dir})`);
  });
});
