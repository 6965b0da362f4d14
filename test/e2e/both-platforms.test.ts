import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApplicationCommandOptionType, MessageFlags } from "discord-api-types/v10";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord, type RecordedCall } from "../fakes/discord/index.ts";
import { Builders, FakeSlack } from "../fakes/slack/index.ts";
import { onPostgres } from "../support/database.ts";
import { MAIN } from "../support/run-cli.ts";

// `framecast start` with Discord and Slack both configured: one process, one job engine, and each
// job's messages go back to the platform it came from. The real bot process against both fakes
// (Slack in Socket Mode). PostgreSQL only: the process is the point, not the database.

describe.runIf(onPostgres())("Discord and Slack in one process", () => {
  const discord = new FakeDiscord();
  const slack = new FakeSlack();
  const build = new Builders(slack);
  const schema = `both_${process.pid}_${Date.now().toString(36)}`;
  let bot: ChildProcess;
  let stderr = "";

  beforeAll(async () => {
    await discord.start();
    await slack.start();
    const identified = once(discord, "identify");
    const dataDir = mkdtempSync(join(tmpdir(), "framecast-both-"));
    bot = spawn(process.execPath, [MAIN, "start"], {
      cwd: dataDir, // not the checkout: a .env there must not reach tests
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: process.env.DATABASE_URL,
        FRAMECAST_DB_SCHEMA: schema,
        FRAMECAST_DATA_DIR: dataDir,
        FRAMECAST_PREVIEW_SECONDS: "0",
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: `${discord.restUrl}/api`,
        SLACK_BOT_TOKEN: slack.token,
        SLACK_APP_TOKEN: slack.appToken,
        SLACK_API_URL: slack.apiUrl,
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    bot.stderr?.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    await Promise.all([identified, slack.socket.connected()]);
  }, 60_000);

  afterAll(async () => {
    if (bot.exitCode === null) {
      bot.kill("SIGKILL");
      await once(bot, "exit");
    }
    await discord.stop();
    await slack.stop();
    const sql = postgres(process.env.DATABASE_URL ?? "", { max: 1, onnotice: () => {} });
    await sql.unsafe(
      `DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_boss" CASCADE`,
    );
    await sql.end();
  });

  it("GIVEN a /video on each platform THEN each is answered and its job message posted on its own platform; SIGTERM then stops the bot cleanly", async () => {
    const onDiscord = discord.injectInteraction(
      discord.build.slashCommand({
        name: "video",
        options: [
          { name: "prompt", type: ApplicationCommandOptionType.String, value: "a fox on Discord" },
          { name: "model", type: ApplicationCommandOptionType.String, value: "v6" },
          { name: "duration", type: ApplicationCommandOptionType.Integer, value: 1 },
          { name: "quality", type: ApplicationCommandOptionType.String, value: "360p" },
        ],
      }),
    );
    const onSlack = build.slashCommand({
      command: "/video",
      text: "a fox on Slack --model v6 --dur 1 --q 360p",
    });
    await slack.socket.send("slash_commands", onSlack);

    // Discord: the job's message is the interaction's answer, then the video in the channel.
    await discord.waitFor(
      (c: RecordedCall) =>
        c.method === "POST" && c.route === "/channels/{channel_id}/messages" && c.files.length > 0,
      30_000,
    );
    const discordAnswer = discord.interaction(onDiscord.id)?.original?.message;
    expect(JSON.stringify(discordAnswer)).toContain("a fox on Discord");
    expect((discordAnswer?.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    // Slack: its own progress message and upload, never Discord's.
    const posted = await slack.waitFor(
      (c) =>
        c.kind === "api" &&
        c.method === "chat.postMessage" &&
        JSON.stringify(c.args).includes("a fox on Slack"),
      30_000,
    );
    expect(posted.body).toMatchObject({ ok: true });
    await slack.waitFor((c) => c.kind === "api" && c.method === "files.completeUploadExternal", 30_000);
    expect(JSON.stringify(discord.calls.map((c) => c.body))).not.toContain("a fox on Slack");
    expect(JSON.stringify(slack.calls.map((c) => c.args))).not.toContain("a fox on Discord");

    const exited = once(bot, "exit");
    bot.kill("SIGTERM");
    const [code] = (await exited) as [number | null];
    expect(code, stderr.slice(-800)).toBe(0);
  }, 60_000);
});
