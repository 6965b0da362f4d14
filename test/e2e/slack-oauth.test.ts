import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackBot } from "../../src/chat/slack/slack-bot.ts";
import { SqlSlackInstallations } from "../../src/db/slack-installation-store.ts";
import { Builders, commandBody, FakeSlack, type RecordedCall, SlackSender } from "../fakes/slack/index.ts";
import { botDeps } from "../support/bot.ts";
import { useTestDatabase } from "../support/database.ts";

// Multi-workspace Slack: a workspace installs framecast through OAuth (bolt's /slack/install and
// /slack/oauth_redirect, the installation kept in the database), and from then on the bot talks
// to that workspace with that workspace's own bot token. No videos are made here.

const database = useTestDatabase();
const fake = new FakeSlack();
const build = new Builders(fake);
const sender = new SlackSender(fake.signingSecret);
const SECOND = "T0SECOND01";
const errors: unknown[] = [];
let bot: SlackBot;
let base: string;

beforeAll(async () => {
  await fake.start();
  bot = new SlackBot({
    oauth: {
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      stateSecret: "a-state-secret-for-the-install-cookie",
      installations: new SqlSlackInstallations(database().db),
    },
    signingSecret: fake.signingSecret,
    apiUrl: fake.apiUrl,
    logError: (error) => errors.push(error),
  });
  await bot.start(botDeps(database()));
  base = await bot.listen(0, "127.0.0.1");
}, 30_000);

afterAll(async () => {
  await bot?.stop();
  await fake.stop();
});

const fromSecond = (c: RecordedCall): boolean => c.kind === "api" && c.team === SECOND;

describe("Slack: installing into another workspace", () => {
  it("GIVEN a workspace admin installs through /slack/install THEN the installation is kept and used for that workspace", async () => {
    const install = await fetch(`${base}/slack/install`, { redirect: "manual" });
    expect(install.status).toBe(302);
    const authorize = new URL(install.headers.get("location") ?? "");
    expect(authorize.searchParams.get("client_id")).toBe(fake.clientId);
    expect(authorize.searchParams.get("scope")).toContain("chat:write");
    const cookie = (install.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const state = authorize.searchParams.get("state") ?? "";
    const code = fake.approveInstall(SECOND, "second");
    const back = await fetch(
      `${base}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`,
      {
        headers: { cookie },
        redirect: "manual",
      },
    );
    expect(back.status).toBe(200);
    const stored = await new SqlSlackInstallations(database().db).get({
      teamId: SECOND,
      enterpriseId: undefined,
      enterpriseInstall: false,
    });
    expect(stored).toMatchObject({ team: { id: SECOND }, bot: { token: fake.tokenOf(SECOND) } });

    const conversation = {
      platform: "slack" as const,
      workspaceId: SECOND,
      channelId: "C0SECOND01",
      userId: "U0SOMEONE1",
      userName: "",
    };
    const posted = await bot.chat.post(conversation, { tone: "info", title: "Hello", blocks: [] });
    expect(posted.messageId).toMatch(/^\d+\.\d{6}$/u);
    expect(fake.calls.filter(fromSecond).map((c) => c.method)).toContain("chat.postMessage");
    expect(errors).toEqual([]);
  });

  it("GIVEN a command from the installed workspace THEN answered, its lookups made with that workspace's token", async () => {
    const command = { ...build.slashCommand({ command: "/framecast", text: "usage" }), team_id: SECOND };
    const ack = await sender.send(`${base}/slack/events`, commandBody(command));
    expect(ack.status).toBe(200);
    const answer = await fake.waitFor(
      (c) => c.kind === "response" && c.method === new URL(command.response_url).pathname,
    );
    expect(answer.args).toMatchObject({ response_type: "ephemeral" });
    expect(fake.calls.some((c) => fromSecond(c) && c.method === "users.info")).toBe(true);
  });

  it("GIVEN a command from a workspace that never installed framecast THEN nothing is done for it", async () => {
    const before = fake.calls.length;
    const command = {
      ...build.slashCommand({ command: "/framecast", text: "usage" }),
      team_id: "T0NOTINST1",
    };
    const ack = await sender.send(`${base}/slack/events`, commandBody(command));
    expect(ack.status).not.toBe(200);
    expect(fake.calls.slice(before).filter((c) => c.kind === "response")).toEqual([]);
  });
});
