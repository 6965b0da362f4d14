import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord/index.ts";
import { FakeSlack } from "../fakes/slack/index.ts";
import { onPostgres } from "../support/database.ts";
import { runCli } from "../support/run-cli.ts";

// `framecast start` with a token the platform refuses, or a platform it can't reach: one paragraph
// naming the variable and what the platform said, "run framecast doctor", exit 1, no stack trace.

const discord = new FakeDiscord();
const slack = new FakeSlack();
let closed = 0;
beforeAll(async () => {
  await Promise.all([discord.start(), slack.start()]);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closed = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await Promise.all([discord.stop(), slack.stop()]);
});

function expectOneParagraph(stderr: string, secret: string): void {
  expect(stderr).toContain("Run framecast doctor to check every setting.");
  expect(stderr).not.toMatch(/\n\s+at /u);
  expect(stderr).not.toContain(secret);
}

describe.skipIf(onPostgres())("framecast start with a bad token or no network", () => {
  it("GIVEN a Slack bot token Slack refuses (invalid_auth) THEN names SLACK_BOT_TOKEN and exits 1", async () => {
    const token = "xoxb-1111-2222-revoked";
    const r = await runCli(["start"], "", {
      SLACK_BOT_TOKEN: token,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.apiUrl,
    });
    expect(r.stderr).toContain(
      "framecast can't start on Slack: SLACK_BOT_TOKEN was refused by Slack (invalid_auth). api.slack.com/apps",
    );
    expectOneParagraph(r.stderr, token);
    expect(r.code).toBe(1);
  });

  it("GIVEN a Socket Mode app token Slack refuses THEN names SLACK_APP_TOKEN and exits 1", async () => {
    const token = "xapp-1-A111-222-revoked";
    const r = await runCli(["start"], "", {
      SLACK_BOT_TOKEN: slack.token,
      SLACK_APP_TOKEN: token,
      SLACK_API_URL: slack.apiUrl,
    });
    expect(r.stderr).toContain(
      "framecast can't start on Slack: SLACK_APP_TOKEN was refused by Slack (invalid_auth).",
    );
    expectOneParagraph(r.stderr, token);
    expect(r.code).toBe(1);
  });

  it("GIVEN Slack can't be reached THEN says which token could not be checked and why, exit 1", async () => {
    const r = await runCli(["start"], "", {
      SLACK_BOT_TOKEN: slack.token,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: `http://127.0.0.1:${closed}/api/`,
    });
    expect(r.stderr).toContain(
      `framecast can't start on Slack: SLACK_BOT_TOKEN could not be checked: couldn't reach Slack at 127.0.0.1:${closed}: ECONNREFUSED. Check this machine's network and DNS, or SLACK_API_URL if you set it.`,
    );
    expectOneParagraph(r.stderr, slack.token);
    expect(r.code).toBe(1);
  });

  it("GIVEN a Discord token Discord refuses (401) THEN names DISCORD_TOKEN and Discord's words, exit 1", async () => {
    const token = `${discord.token}x`;
    const r = await runCli(["start"], "", {
      DISCORD_TOKEN: token,
      DISCORD_API_URL: `${discord.restUrl}/api`,
    });
    expect(r.stderr).toContain(
      "framecast can't start on Discord: DISCORD_TOKEN was refused by Discord (401): 401: Unauthorized. Developer Portal",
    );
    expectOneParagraph(r.stderr, token);
    expect(r.code).toBe(1);
  });

  it("GIVEN Discord can't be reached THEN says DISCORD_TOKEN could not be checked and why, exit 1", async () => {
    const r = await runCli(["start"], "", {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: `http://127.0.0.1:${closed}/api`,
    });
    expect(r.stderr).toContain(
      `framecast can't start on Discord: DISCORD_TOKEN could not be checked: couldn't reach Discord at 127.0.0.1:${closed}: ECONNREFUSED.`,
    );
    expectOneParagraph(r.stderr, discord.token);
    expect(r.code).toBe(1);
  });
});
