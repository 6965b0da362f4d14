import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VideoProvider } from "../../src/app/generation/ports.ts";
import { RecordingChat } from "../../src/app/recording-chat.ts";
import { SlackBot } from "../../src/chat/slack/slack-bot.ts";
import type { SlackChat } from "../../src/chat/slack/slack-chat.ts";
import { ReplicateProvider } from "../../src/providers/replicate/client.ts";
import { RunwareProvider } from "../../src/providers/runware/client.ts";
import { FakeRunware } from "../fakes/runware.ts";
import { Builders, commandBody, FakeSlack, type RecordedCall, SlackSender } from "../fakes/slack/index.ts";
import { useTestDatabase } from "../support/database.ts";
import { startTestEngineWith, type TestEngine } from "../support/engine.ts";
import { handler } from "../support/handler.ts";
import { chargesOf, count, expectLedgerMatchesCounters } from "../support/money.ts";
import { instantPreview } from "../support/preview.ts";
import { testHttpPolicy } from "../support/video-request.ts";

// Multi-shot and personal preferences through Slack end to end: the real bolt App in HTTP mode on
// the loopback Slack fake, signed requests, the real engine on a test database. Which providers
// the workspace has is set per test (the router reads the engine's provider list as it is).

const database = useTestDatabase();
const { previewDir, preview } = instantPreview("creator-slack");
const fake = new FakeSlack();
const build = new Builders(fake);
const sender = new SlackSender(fake.signingSecret);
const runware = new FakeRunware();
// Replicate refuses multi-shot in supports(), before any call: it needs no server here.
const replicate = new ReplicateProvider({
  apiToken: "t",
  baseUrl: "https://127.0.0.1:9",
  http: testHttpPolicy().policy,
});
const providers: VideoProvider[] = [replicate];
const use = (...these: VideoProvider[]): void => void providers.splice(0, providers.length, ...these);
const errors: unknown[] = [];
let runwareClient: RunwareProvider;
let bot: SlackBot;
let engine: TestEngine<SlackChat>;
let endpoint = "";

beforeAll(async () => {
  await fake.start();
  await runware.start();
  runwareClient = new RunwareProvider({
    apiKey: runware.apiKey,
    baseUrl: runware.baseUrl,
    http: testHttpPolicy().policy,
  });
  bot = new SlackBot({
    token: fake.token,
    signingSecret: fake.signingSecret,
    apiUrl: fake.apiUrl,
    logError: (error) => errors.push(error),
  });
  engine = await startTestEngineWith(database(), providers, {
    previewDir,
    chat: bot.messages,
    mediaHosts: [new URL(fake.baseUrl).host, new URL(runware.baseUrl).host],
    bossSchema: `boss_creator_slack_${randomBytes(4).toString("hex")}`,
  });
  await bot.start(engine.deps);
  endpoint = `${await bot.listen(0, "127.0.0.1")}/slack/events`;
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await engine?.stop();
  await fake.stop();
  await runware.stop();
});

const jobs = () => count(database().db, sql`SELECT count(*)::int AS n FROM jobs`);
// Reservations: a refused request makes none (another job's late charge doesn't count here).
const reservations = () =>
  count(database().db, sql`SELECT count(*)::int AS n FROM ledger WHERE kind = 'reserve'`);

/** A slash command; resolves with its private answers (through its response_url) so far, as text. */
async function slash(command: "/video" | "/framecast", text: string, answers = 1): Promise<string[]> {
  const sent = build.slashCommand({ command, text });
  expect((await sender.send(endpoint, commandBody(sent))).status).toBe(200);
  const path = new URL(sent.response_url).pathname;
  const mine = (c: RecordedCall) => c.kind === "response" && c.method === path;
  await fake.waitFor((c) => mine(c) && fake.calls.filter(mine).length >= answers);
  return fake.calls.filter(mine).map((c) => JSON.stringify(c.args));
}

/** A /video whose answer is its public job message: resolves once that is posted. */
async function send(text: string): Promise<void> {
  const since = fake.calls.length;
  expect((await sender.send(endpoint, commandBody(build.slashCommand({ text })))).status).toBe(200);
  await fake.waitFor(
    (c) => c.kind === "api" && c.method === "chat.postMessage" && fake.calls.indexOf(c) >= since,
  );
}

async function admin(text: string): Promise<void> {
  const chat = new RecordingChat();
  await handler(
    engine.deps,
    chat,
  )({
    conversation: {
      platform: "slack",
      workspaceId: fake.world.teamId,
      channelId: "C1",
      userId: "u1",
      userName: "op",
    },
    roles: [],
    input: { kind: "text", text: `/framecast admin ${text}` },
  });
  expect(chat.records.at(-1)?.view.tone).toBe("success");
}

describe("Slack: multi-shot", () => {
  it("GIVEN /video … shots:on on v6 with Runware THEN settings.multiClip reaches Runware, the video is uploaded and charged once", async () => {
    use(runwareClient, preview);
    const since = fake.calls.length;
    const command = build.slashCommand({ text: "a heist in three cuts --model v6 --dur 3 --shots" });
    expect((await sender.send(endpoint, commandBody(command))).status).toBe(200);
    await fake.waitFor(
      (c) => c.kind === "api" && c.method === "chat.postMessage" && fake.calls.indexOf(c) >= since,
    );
    const job = await engine.finished(engine.lastJob());
    expect(job.state).toBe("delivered");
    expect(job.provider?.provider).toBe("runware");
    expect(runware.task(job.provider?.id ?? "")).toMatchObject({
      model: "pixverse:1@8",
      settings: { multiClip: true },
    });
    expect(await chargesOf(database().db, job.id)).toBe(1);
    await fake.waitFor(
      (c) =>
        c.kind === "api" && c.method === "files.completeUploadExternal" && fake.calls.indexOf(c) >= since,
    );
    await expectLedgerMatchesCounters(database().db);
  }, 60_000);

  it("GIVEN a workspace on Replicate THEN shots:on is refused privately before anything is reserved", async () => {
    use(replicate);
    const [before, ledger] = [await jobs(), await reservations()];
    const [answer] = await slash("/video", "a heist model:v6 shots:on");
    expect(answer).toContain("ephemeral");
    expect(answer).toContain("multi-shot needs v6 on PixVerse or Runware; this workspace uses Replicate");
    expect([await jobs(), await reservations()]).toEqual([before, ledger]);
  }, 30_000);
});

describe("Slack: /framecast prefer", () => {
  it("GIVEN /framecast prefer with text THEN saved, applied to a bare /video, overridden by a typed option, and listed in usage", async () => {
    use(preview);
    const [saved] = await slash("/framecast", 'prefer model:v6 q:360p ar:9:16 suffix:"soft film grain"');
    expect(saved).toContain("Preferences saved");
    await send("a fox --dur 2");
    const mine = await engine.finished(engine.lastJob());
    expect(mine.request).toMatchObject({
      model: "v6",
      quality: "360p",
      ratio: "9:16",
      prompt: "a fox, soft film grain",
    });
    await send("a fox --dur 2 --ar 1:1 quality:540p");
    const typed = await engine.finished(engine.lastJob());
    expect(typed.request).toMatchObject({ model: "v6", quality: "540p", ratio: "1:1" });
    const [usage] = await slash("/framecast", "usage");
    expect(usage).toContain("Your preferences");
    expect(usage).toContain("soft film grain");
  }, 60_000);

  it("GIVEN a blocked word THEN a suffix holding it is refused, and one saved before is set aside and said", async () => {
    use(preview);
    expect((await slash("/framecast", "prefer suffix:grain"))[0]).toContain("Preferences saved");
    await admin("block word:grain");
    const [refused] = await slash("/framecast", "prefer suffix:grain everywhere");
    expect(refused).toContain("doesn't allow \\\"grain\\\" in prompts, so it can't be in your suffix");
    const answers = await slash("/video", "a fox --dur 2");
    const job = await engine.finished(engine.lastJob());
    expect(job.request.prompt).toBe("a fox");
    expect(answers.join()).toContain("Your prompt suffix has");
    await admin("unblock word:grain");
  }, 60_000);

  it("GIVEN prefer clear quality THEN only that one goes; prefer with a mistake changes nothing", async () => {
    const [cleared] = await slash("/framecast", "prefer clear quality");
    expect(cleared).not.toContain("360p");
    expect(cleared).toContain("v6");
    const [wrong] = await slash("/framecast", "prefer model:v9 quality:720p");
    expect(wrong).toContain("Nothing was changed");
    const [shown] = await slash("/framecast", "prefer");
    expect(shown).not.toContain("720p");
    expect(errors).toEqual([]);
  }, 30_000);
});
