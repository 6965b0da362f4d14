import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resumeOpenJobs } from "../../src/app/jobs/engine.ts";
import type { JobRecord } from "../../src/app/jobs/ports.ts";
import { RecordingChat } from "../../src/app/recording-chat.ts";
import { CommandReply } from "../../src/chat/slack/command-reply.ts";
import { slackPrivateFiles } from "../../src/chat/slack/file-access.ts";
import { SlackBot } from "../../src/chat/slack/slack-bot.ts";
import type { SlackChat } from "../../src/chat/slack/slack-chat.ts";
import type { Conversation } from "../../src/core/chat-event.ts";
import { SqlSlackInstallations } from "../../src/db/slack-installation-store.ts";
import { DEFAULT_MEDIA_HOSTS } from "../../src/media/fetch.ts";
import { run } from "../../src/media/ffmpeg.ts";
import { imageFetcher } from "../../src/media/image-fetcher.ts";
import { FalProvider } from "../../src/providers/fal/client.ts";
import { PreviewProvider } from "../../src/providers/preview/client.ts";
import { BossJobQueue } from "../../src/queue/jobs-queue.ts";
import { FakeFal } from "../fakes/fal.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import {
  Builders,
  commandBody,
  eventBody,
  FakeSlack,
  interactionBody,
  type RecordedCall,
  SlackSender,
  type SlackUser,
  type StoredMessage,
} from "../fakes/slack/index.ts";
import { useTestDatabase } from "../support/database.ts";
import { startTestEngineWith, type TestEngine } from "../support/engine.ts";
import { FakePixverseRoute } from "../support/fake-pixverse-route.ts";
import { GatedProvider } from "../support/gated-provider.ts";
import { handler } from "../support/handler.ts";
import { count, expectLedgerMatchesCounters } from "../support/money.ts";
import { testHttpPolicy } from "../support/video-request.ts";

// The Slack adapter end to end: the real bolt App in HTTP mode on the loopback Slack fake, signed
// requests, the real engine on a test database, the offline preview provider (and PixVerse's fake
// where a test opens it).

const database = useTestDatabase();
const fake = new FakeSlack();
const pixverse = new FakePixverse();
const fal = new FakeFal();
let viaPixverse: FakePixverseRoute;
let viaFal: GatedProvider;
const build = new Builders(fake);
const sender = new SlackSender(fake.signingSecret);
const previewDir = mkdtempSync(join(tmpdir(), "framecast-slack-preview-"));
const bossSchema = `boss_slack_${randomBytes(4).toString("hex")}`;
const errors: unknown[] = [];
let preview: PreviewProvider;
let running: { bot: SlackBot; engine: TestEngine<SlackChat>; endpoint: string } | undefined;
const channel = fake.world.channel.id;
/** The thread mention's delivery, to redeliver it as Slack retries. */
let lastMentionEnvelope: ReturnType<Builders["appMention"]> | undefined;

/** A bot as `npm start` runs one in HTTP mode: the engine, the bolt app, jobs left mid-way resumed. */
async function startBot(): Promise<NonNullable<typeof running>> {
  const bot = new SlackBot({
    token: fake.token,
    signingSecret: fake.signingSecret,
    apiUrl: fake.apiUrl,
    logError: (error) => errors.push(error),
  });
  const host = new URL(fake.baseUrl).host;
  const engine = await startTestEngineWith(database(), [viaPixverse, viaFal, preview], {
    previewDir,
    mediaHosts: [host, new URL(pixverse.baseUrl).host, new URL(fal.baseUrl).host],
    chat: bot.messages,
    bossSchema,
  });
  await bot.start(engine.deps);
  const endpoint = `${await bot.listen(0, "127.0.0.1")}/slack/events`;
  await resumeOpenJobs({ jobs: engine.store, queue: new BossJobQueue(engine.boss) });
  running = { bot, engine, endpoint };
  return running;
}

// Several workspaces: a second bot, installed through OAuth into SECOND, on the same database.
const SECOND = "T0SECOND01";
let oauthBot: SlackBot | undefined;
let oauthBase = "";
const fromSecond = (c: RecordedCall): boolean => c.kind === "api" && c.team === SECOND;

async function startOAuthBot(): Promise<void> {
  const bot = new SlackBot({
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
  await bot.start(current().engine.deps);
  oauthBase = await bot.listen(0, "127.0.0.1");
  oauthBot = bot;
}

async function stopBot(): Promise<void> {
  if (running === undefined) return;
  await running.bot.stop();
  await running.engine.boss.stop({ graceful: true });
  running = undefined;
}

const current = (): NonNullable<typeof running> => {
  if (running === undefined) throw new Error("the bot isn't running");
  return running;
};

beforeAll(async () => {
  await fake.start();
  await pixverse.start();
  await fal.start();
  viaPixverse = new FakePixverseRoute(pixverse);
  viaFal = new GatedProvider(
    new FalProvider({
      apiKey: fal.apiKey,
      baseUrl: fal.baseUrl,
      jwks: { keys: async () => fal.jwks.keys },
      http: testHttpPolicy().policy,
    }),
  );
  const host = new URL(fake.baseUrl).host;
  preview = new PreviewProvider({
    outputDir: previewDir,
    previewSeconds: 0,
    // The engine's picture fetcher as main.ts wires it: over https, Slack's private files for
    // Slack jobs of the file's own workspace, with that workspace's token (the fake's file host
    // standing in for files.slack.com).
    fetchImage: imageFetcher({
      publicHosts: [...DEFAULT_MEDIA_HOSTS, host],
      privateFiles: slackPrivateFiles({
        hosts: [fake.filesHost],
        tokenOf: async (team) => (team === fake.world.teamId ? fake.token : fake.tokenOf(team)),
      }),
      maxBytes: 5 * 1024 * 1024,
      timeoutMs: 10_000,
    }),
  });
  await startBot();
  // Small, fast videos for the whole workspace (as /framecast admin defaults would set them).
  const admin = new RecordingChat();
  await handler(
    current().engine.deps,
    admin,
  )({
    conversation: {
      platform: "slack",
      workspaceId: fake.world.teamId,
      channelId: channel,
      userId: "u1",
      userName: "op",
    },
    roles: [],
    input: { kind: "text", text: "/framecast admin defaults model:v6 quality:360p" },
  });
  expect(admin.records.at(-1)?.view.tone).toBe("success");
}, 60_000);

afterAll(async () => {
  await stopBot();
  await database().db.execute(sql.raw(`DROP SCHEMA IF EXISTS "${bossSchema}" CASCADE`));
  await fake.stop();
  await pixverse.stop();
  await fal.stop();
});

const jobs = () => count(database().db, sql`SELECT count(*)::int AS n FROM jobs`);
const ledgerRows = () => count(database().db, sql`SELECT count(*)::int AS n FROM ledger`);
const api = (method: string) => (c: RecordedCall) => c.kind === "api" && c.method === method;
const botMessages = () => fake.messagesIn(channel).filter((m) => m.bot_id !== undefined);
const textOf = (c: RecordedCall | undefined): string => JSON.stringify(c?.args ?? {});

/** Resolves once the job ends, whichever engine (before or after a restart) ends it. */
async function finished(jobId: string): Promise<JobRecord> {
  const waiting = current().engine.finished(jobId);
  const row = await current().engine.store.get(jobId);
  if (row !== undefined && !["queued", "submitting", "running", "delivering"].includes(row.state)) return row;
  return waiting;
}

async function picture(name: string, source: string): Promise<Buffer> {
  const path = join(previewDir, name);
  await run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", source, "-frames:v", "1", path]);
  return readFileSync(path);
}

/** `user` clicks Cancel on the latest job's message; resolves with the job and the private answer. */
async function clickCancelOnLastJob(user: SlackUser) {
  const job = await current().engine.store.get(current().engine.lastJob());
  const message = job?.messageId === undefined ? undefined : fake.store.message(channel, job.messageId);
  if (job === undefined || message === undefined) throw new Error("the job's message is not on the fake");
  const click = build.button({ actionId: `fc:cancel:${job.id}`, value: job.id, message, user });
  expect((await sender.send(current().endpoint, interactionBody(click))).status).toBe(200);
  const answer = await fake.waitFor(
    (c) => c.kind === "response" && c.method === new URL(click.response_url).pathname,
  );
  return { job, answer };
}

describe("Slack: /video end to end", () => {
  it("GIVEN a signed /video THEN acked at once, a progress message updated in place, the MP4 uploaded, charged", async () => {
    const since = fake.calls.length;
    const command = build.slashCommand({ text: "a fox in snow duration:1" });
    const ack = await sender.send(current().endpoint, commandBody(command));
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(3_000);
    const posted = await fake.waitFor((c) => api("chat.postMessage")(c) && fake.calls.indexOf(c) >= since);
    expect(textOf(posted)).toMatch(/Queued/u);
    const jobId = current().engine.lastJob();
    const job = await finished(jobId);
    expect(job.state).toBe("delivered");
    const complete = await fake.waitFor(
      (c) => api("files.completeUploadExternal")(c) && fake.calls.indexOf(c) >= since,
    );
    expect(complete.body).toMatchObject({ ok: true });
    const fileId = (complete.args.files as { id: string }[])[0]?.id ?? "";
    expect(fake.store.files.get(fileId)?.bytes.subarray(4, 8).toString("latin1")).toBe("ftyp");
    const ts = (posted.body as { ts: string }).ts;
    const message = fake.store.message(channel, ts);
    expect(message?.updates).toBeGreaterThanOrEqual(1);
    const shown = JSON.stringify(message?.blocks);
    expect(shown).toContain("Your video is ready");
    expect(shown).toContain(`fc:new_seed:${jobId}`);
    expect(shown).toContain("The video");
    expect(
      await count(
        database().db,
        sql`SELECT count(*)::int AS n FROM ledger WHERE job_id = ${jobId} AND kind = 'charge'`,
      ),
    ).toBe(1);
    await expectLedgerMatchesCounters(database().db);
    expect(errors.map(String)).toEqual([]);
  }, 30_000);

  it("GIVEN an invalid /video (v5.6 for 99 s) THEN an ephemeral error through the response_url; no job, no charge, nothing public", async () => {
    const before = { jobs: await jobs(), ledger: await ledgerRows(), public: botMessages().length };
    const command = build.slashCommand({ text: "a fox model:v5.6 duration:99" });
    const ack = await sender.send(current().endpoint, commandBody(command));
    expect(ack).toMatchObject({ status: 200, text: "" });
    const answer = await fake.waitFor(
      (c) => c.kind === "response" && c.method === new URL(command.response_url).pathname,
    );
    expect(answer.status).toBe(200);
    expect(answer.args).toMatchObject({ response_type: "ephemeral" });
    expect(JSON.stringify(answer.args)).toMatch(/duration/iu);
    expect({ jobs: await jobs(), ledger: await ledgerRows(), public: botMessages().length }).toEqual(before);
  });

  it("GIVEN a forged or a stale signature THEN 401 and nothing happens", async () => {
    const before = { calls: fake.calls.length, jobs: await jobs() };
    const forged = await sender.send(current().endpoint, commandBody(build.slashCommand({ text: "a fox" })), {
      secret: "someone-elses-secret",
    });
    const stale = await sender.send(current().endpoint, commandBody(build.slashCommand({ text: "a fox" })), {
      timestamp: Math.floor(Date.now() / 1000) - 5 * 60 - 1,
    });
    expect([forged.status, stale.status]).toEqual([401, 401]);
    expect({ calls: fake.calls.length, jobs: await jobs() }).toEqual(before);
  });

  it("GIVEN someone else clicks Cancel THEN an ephemeral refusal and the job is untouched", async () => {
    const { job, answer } = await clickCancelOnLastJob(fake.world.bob);
    expect(answer.args).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(JSON.stringify(answer.args)).toContain(
      "Only the person who asked for a video (or an admin) can cancel it.",
    );
    expect((await current().engine.store.get(job.id))?.state).toBe(job.state);
  });
});

describe("Slack: workspace admins", () => {
  it("GIVEN a workspace admin clicks Cancel on someone's finished job THEN past the owner check", async () => {
    const { answer } = await clickCancelOnLastJob(fake.world.carol);
    expect(JSON.stringify(answer.args)).toContain("That video has already finished.");
  });
});

describe("Slack: global limits belong to the operator", () => {
  /** `user` runs `/framecast admin <text>`; resolves with the private answer's text. */
  async function admin(user: SlackUser, text: string): Promise<string> {
    const command = build.slashCommand({ command: "/framecast", text: `admin ${text}`, user });
    expect((await sender.send(current().endpoint, commandBody(command))).status).toBe(200);
    const answer = await fake.waitFor(
      (c) => c.kind === "response" && c.method === new URL(command.response_url).pathname,
    );
    expect(answer.args).toMatchObject({ response_type: "ephemeral" });
    return JSON.stringify(answer.args);
  }
  const globalCredits = () =>
    count(
      database().db,
      sql`SELECT coalesce(max(max_credits), -1)::int AS n FROM quota_policies WHERE scope = 'global'`,
    );

  it("GIVEN a workspace admin THEN quota set/clear global is refused and quota list shows only this workspace's limits, saying so", async () => {
    // The operator (FRAMECAST_ADMINS: u1 here) caps the whole bot, as from the console.
    const operator = new RecordingChat();
    const asOperator = (text: string) =>
      handler(
        current().engine.deps,
        operator,
      )({
        conversation: {
          platform: "slack",
          workspaceId: fake.world.teamId,
          channelId: channel,
          userId: "u1",
          userName: "op",
        },
        roles: [],
        input: { kind: "text", text: `/framecast admin ${text}` },
      });
    await asOperator("quota set global credits:90000 period:month");
    expect(JSON.stringify(operator.records.at(-1)?.view)).toContain("90000");
    expect(await globalCredits()).toBe(90_000);

    const carol = fake.world.carol;
    expect(await admin(carol, "quota set global credits:none period:month")).toMatch(/operator/u);
    expect(await admin(carol, "quota clear global period:month")).toMatch(/operator/u);
    expect(await globalCredits()).toBe(90_000);
    const list = await admin(carol, "quota list");
    expect(list).not.toContain("90000");
    expect(list).toMatch(/only this workspace/iu);
    // A workspace's own limits stay theirs to set.
    expect(await admin(carol, "quota set workspace videos:500")).toContain("500");

    await asOperator("quota clear global period:month");
    await asOperator("quota clear workspace period:day");
    expect(await globalCredits()).toBe(-1);
  });
});

/** Answers a typed command as a slash command without a response_url would be: in the channel. */
const slackReplies = () => ({
  replyTo: (c: Conversation) => new CommandReply(current().engine.chat, c, undefined),
});

/** A delivered video of carol's (alice and bob use today's quota elsewhere), made through fal (opened for it), and its message. */
async function falVideo(text: string): Promise<{ job: JobRecord; message: StoredMessage }> {
  viaFal.open = true;
  fal.nextScript = ["COMPLETED"];
  fal.nextOutcome = "ok";
  let job: JobRecord;
  try {
    await handler(
      current().engine.deps,
      slackReplies(),
    )({
      conversation: {
        platform: "slack",
        workspaceId: fake.world.teamId,
        channelId: channel,
        userId: fake.world.carol.id,
        userName: fake.world.carol.name,
      },
      roles: [],
      input: { kind: "text", text },
    });
    // Open until the engine has submitted it (a queue step after the command).
    job = await finished(current().engine.lastJob());
  } finally {
    viaFal.open = false;
  }
  expect(job).toMatchObject({ state: "delivered", provider: { provider: "fal" } });
  const message = job.messageId === undefined ? undefined : fake.store.message(channel, job.messageId);
  if (message === undefined) throw new Error("the job's message is not on the fake");
  return { job, message };
}

describe("Slack: Extend", () => {
  it("GIVEN Extend on a fal v6 video THEN fal's own extend (fal-ai/pixverse/v6/extend, the video's link), no frame", async () => {
    const { job, message } = await falVideo("/video a glacier --model v6 --dur 2 --q 360p");
    viaFal.open = true;
    const click = build.button({
      actionId: `fc:extend:${job.id}`,
      value: job.id,
      message,
      user: fake.world.carol,
    });
    expect((await sender.send(current().endpoint, interactionBody(click))).status).toBe(200);
    await current().bot.idle();
    const next = await finished(current().engine.lastJob()).finally(() => {
      viaFal.open = false;
    });
    expect(next).toMatchObject({
      state: "delivered",
      request: { mode: "extend" },
      provider: { provider: "fal" },
    });
    expect(fal.requests.findLast((r) => r.method === "POST")?.path).toBe("/fal-ai/pixverse/v6/extend");
    expect(fal.input(next.provider?.id ?? "")).toMatchObject({ video_url: job.resultUrl, duration: 2 });
  }, 30_000);

  it("GIVEN the owner presses Extend on a fal v5.6 video (fal has no v5.6 extend) THEN the last frame, uploaded privately and shown only to them, starts a new video", async () => {
    const { job } = await falVideo("/video a harbour --model v5.6 --dur 5 --q 360p");
    const message = job.messageId === undefined ? undefined : fake.store.message(channel, job.messageId);
    if (message === undefined) throw new Error("the job's message is not on the fake");
    const click = build.button({
      actionId: `fc:extend:${job.id}`,
      value: job.id,
      message,
      user: fake.world.carol,
    });
    const since = fake.calls.length;
    expect((await sender.send(current().endpoint, interactionBody(click))).status).toBe(200);
    const shown = await fake.waitFor((c) => api("chat.postEphemeral")(c) && textOf(c).includes("slack_file"));
    expect(shown.body).toMatchObject({ ok: true });
    expect(textOf(shown)).toContain("Extending from this frame");
    // The new job's message: its Cancel button names a job other than the extended one.
    const posted = await fake.waitFor(
      (c) =>
        fake.calls.indexOf(c) >= since &&
        api("chat.postMessage")(c) &&
        textOf(c).includes("fc:cancel:") &&
        !textOf(c).includes(`fc:cancel:${job.id}`),
    );
    expect(posted.body).toMatchObject({ ok: true });
    const next = await current().engine.finished(current().engine.lastJob());
    expect(next.id).not.toBe(job.id);
    expect(next.state).toBe("delivered");
    expect(next.request).toMatchObject({ mode: "image-to-video", prompt: job.request.prompt });
    // The frame is a private file: the bot fetched it back with its token when submitting.
    const frame = new URL(next.request.firstFrame ?? "");
    const download = await fake.waitFor((c) => c.kind === "file" && c.method === frame.pathname);
    expect(download.args.authorized).toBe(true);
    // The same signed click again (a replay, or Slack's own retry): nothing new, said privately.
    const count = await jobs();
    expect((await sender.send(current().endpoint, interactionBody(click))).status).toBe(200);
    await current().bot.idle();
    expect(await jobs()).toBe(count);
    const answer = fake.calls.findLast(
      (c) => c.kind === "response" && c.method === new URL(click.response_url).pathname,
    );
    expect(JSON.stringify(answer?.args)).toContain("Already started");
  }, 30_000);
});

describe("Slack: Continue", () => {
  it("GIVEN Continue pressed on a delivered preview THEN one more native segment, joined and uploaded as one file with a Continue button", async () => {
    const as = (userId: string, text: string) =>
      handler(
        current().engine.deps,
        slackReplies(),
      )({
        conversation: {
          platform: "slack",
          workspaceId: fake.world.teamId,
          channelId: channel,
          userId,
          userName: userId,
        },
        roles: [],
        input: { kind: "text", text },
      });
    await as("u1", `/framecast admin quota set user:<@${fake.world.carol.id}> videos:20 period:day`);
    await as(fake.world.carol.id, "/video a comet --dur 1");
    const job = await finished(current().engine.lastJob());
    const message = job.messageId === undefined ? undefined : fake.store.message(channel, job.messageId);
    if (message === undefined) throw new Error("the job's message is not on the fake");
    const since = fake.calls.length;
    const click = build.button({
      actionId: `fc:continue:${job.id}`,
      value: job.id,
      message,
      user: fake.world.carol,
    });
    expect((await sender.send(current().endpoint, interactionBody(click))).status).toBe(200);
    await current().bot.idle();
    const chain = await current().engine.chainEnded(await current().engine.lastChain());
    expect(chain).toMatchObject({ state: "done", baseJobIds: [job.id], targetSeconds: 2 });
    const after = fake.calls.slice(since);
    // The plan, privately (through the click's response_url), before the segment's own message.
    expect(after.some((c) => c.kind === "response" && textOf(c).includes("Continuing your video"))).toBe(
      true,
    );
    const joined = after.filter(
      (c) => c.kind === "api" && textOf(c).includes("Your continued video is ready"),
    );
    expect(joined.map((c) => c.method)).toEqual(["files.completeUploadExternal"]);
  }, 60_000);
});

describe("Slack: animate an image", () => {
  it("GIVEN “Animate with framecast” on a message with two images THEN a modal, then first + last frame from url_private", async () => {
    const first = fake.addFile(await picture("a.png", "testsrc=s=320x240:d=1"), "a.png", "image/png");
    const last = fake.addFile(await picture("b.png", "color=c=red:s=320x240:d=1"), "b.png", "image/png");
    const message = fake.addUserMessage({ text: "our logo", files: [first, last] });
    const shortcut = build.messageShortcut({ message });
    expect((await sender.send(current().endpoint, interactionBody(shortcut))).status).toBe(200);
    const opened = await fake.waitFor(api("views.open"));
    expect(opened.body).toMatchObject({ ok: true });
    const view = fake.store.views.at(-1);
    if (view === undefined) throw new Error("no modal opened");
    const submission = build.viewSubmission({ view, values: { prompt: "the logo spins", duration: "5" } });
    const before = current().engine.lastJob();
    expect((await sender.send(current().endpoint, interactionBody(submission))).status).toBe(200);
    const posted = await fake.waitFor(
      (c) => api("chat.postMessage")(c) && textOf(c).includes("the logo spins"),
    );
    expect(posted.body).toMatchObject({ ok: true });
    const jobId = current().engine.lastJob();
    expect(jobId).not.toBe(before);
    expect(await current().engine.store.get(jobId)).toMatchObject({
      request: { mode: "transition", firstFrame: first.url_private, lastFrame: last.url_private },
    });
    // The provider reads both images from Slack with the bot token when the job is submitted; the
    // delivery that follows is /video's (above), so this test doesn't wait for it.
    const fetched = (file: typeof first) =>
      fake.waitFor((c) => c.kind === "file" && c.method === new URL(file.url_private).pathname);
    const downloads = await Promise.all([fetched(first), fetched(last)]);
    expect(downloads.map((c) => c.args.authorized)).toEqual([true, true]);
  }, 30_000);

  it("GIVEN the modal is submitted with a duration the model can't do THEN the error goes privately through the shortcut's response_url; no job", async () => {
    const image = fake.addFile(await picture("d.png", "testsrc=s=320x240:d=1"), "d.png", "image/png");
    const shortcut = build.messageShortcut({ message: fake.addUserMessage({ text: "x", files: [image] }) });
    await sender.send(current().endpoint, interactionBody(shortcut));
    await fake.waitFor((c) => api("views.open")(c) && textOf(c).includes(image.url_private));
    const view = fake.store.views.at(-1);
    if (view === undefined) throw new Error("no modal opened");
    const before = await jobs();
    const submission = build.viewSubmission({ view, values: { prompt: "spin", duration: "99" } });
    expect((await sender.send(current().endpoint, interactionBody(submission))).status).toBe(200);
    const answer = await fake.waitFor(
      (c) => c.kind === "response" && c.method === new URL(shortcut.response_url).pathname,
    );
    expect(answer.args).toMatchObject({ response_type: "ephemeral" });
    expect(JSON.stringify(answer.args)).toMatch(/duration/iu);
    expect(await jobs()).toBe(before);
  });

  it("GIVEN a thread reply mentioning the bot under a message with an image THEN the image is animated, answered in the thread", async () => {
    const image = fake.addFile(await picture("c.png", "testsrc=s=240x320:d=1"), "c.png", "image/png");
    const parent = fake.addUserMessage({ text: "look", files: [image] });
    const reply: StoredMessage = fake.addUserMessage({
      text: `<@${fake.world.bot.userId}> make it wave duration:1`,
      thread_ts: parent.ts,
    });
    lastMentionEnvelope = build.appMention(reply);
    expect((await sender.send(current().endpoint, eventBody(lastMentionEnvelope))).status).toBe(200);
    const posted = await fake.waitFor(
      (c) => api("chat.postMessage")(c) && textOf(c).includes("make it wave"),
    );
    expect(posted.args).toMatchObject({ channel, thread_ts: parent.ts });
    const job = await finished(current().engine.lastJob());
    expect(job).toMatchObject({
      state: "delivered",
      request: { mode: "image-to-video", firstFrame: image.url_private },
      // The channel's own: its policies and channel quotas apply in its threads too.
      conversation: { channelId: channel },
    });
    const complete = await fake.waitFor(
      (c) => api("files.completeUploadExternal")(c) && c.args.thread_ts === parent.ts,
    );
    expect(complete.args).toMatchObject({ channel_id: channel });
    expect(fake.calls.some((c) => api("conversations.replies")(c) && c.args.ts === parent.ts)).toBe(true);
  }, 30_000);

  it("GIVEN Slack redelivers that mention (a retry, same event_id) THEN it is not animated twice", async () => {
    const before = { jobs: await jobs(), calls: fake.calls.length };
    const first = lastMentionEnvelope;
    if (first === undefined) throw new Error("no mention to redeliver");
    const retry = await sender.send(current().endpoint, eventBody(first), {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(retry.status).toBe(200);
    // A mention without an image, sent after: once its notice is out, the retry has been handled.
    const plain = fake.addUserMessage({ text: `<@${fake.world.bot.userId}> hello` });
    await sender.send(current().endpoint, eventBody(build.appMention(plain)));
    await fake.waitFor((c) => api("chat.postEphemeral")(c) && textOf(c).includes("No image to animate"));
    expect(await jobs()).toBe(before.jobs);
    expect(fake.calls.slice(before.calls).filter((c) => api("chat.postMessage")(c))).toEqual([]);
  });
});

describe("Slack: pictures only from where they may come", () => {
  /** `/video` by `user` with `text`; resolves with the private answer's text. */
  async function refused(text: string, user = fake.world.bob, endpoint = current().endpoint, team?: string) {
    const command = {
      ...build.slashCommand({ text, user }),
      ...(team === undefined ? {} : { team_id: team }),
    };
    const before = { jobs: await jobs(), files: fake.calls.filter((c) => c.kind === "file").length };
    expect((await sender.send(endpoint, commandBody(command))).status).toBe(200);
    const answer = await fake.waitFor(
      (c) => c.kind === "response" && c.method === new URL(command.response_url).pathname,
    );
    expect(answer.args).toMatchObject({ response_type: "ephemeral" });
    expect({ jobs: await jobs(), files: fake.calls.filter((c) => c.kind === "file").length }).toEqual(before);
    return JSON.stringify(answer.args);
  }

  it("GIVEN an image link over plain http THEN refused, naming the https rule; nothing fetched, no token sent", async () => {
    const file = fake.addFile(await picture("h.png", "testsrc=s=64x64:d=1"), "h.png", "image/png");
    const plain = `${fake.baseUrl}${new URL(file.url_private).pathname}`;
    expect(plain).toMatch(/^http:/u);
    expect(await refused(`a fox image:<${plain}>`)).toMatch(/https/u);
  });

  it("GIVEN a typed link to a Slack private file (not one attached to the message) THEN refused; the file is never fetched", async () => {
    const file = fake.addFile(await picture("p.png", "testsrc=s=64x64:d=1"), "p.png", "image/png");
    expect(await refused(`a fox image:<${file.url_private}>`)).toMatch(/attach/iu);
  });
});

describe("Slack: Socket Mode", () => {
  it("GIVEN the app token instead of the signing secret THEN the same listeners answer over Socket Mode", async () => {
    const socketBot = new SlackBot({
      token: fake.token,
      appToken: fake.appToken,
      apiUrl: fake.apiUrl,
      logError: (error) => errors.push(error),
    });
    await socketBot.start(current().engine.deps);
    try {
      await fake.socket.connected();
      const command = build.slashCommand({ command: "/framecast", text: "help" });
      const ack = await fake.socket.send("slash_commands", command);
      expect(ack.envelope_id).toMatch(/^env-/u);
      const answer = await fake.waitFor(
        (c) => c.kind === "response" && c.method === new URL(command.response_url).pathname,
      );
      expect(answer.args).toMatchObject({ response_type: "ephemeral" });
      expect(fake.calls.some((c) => api("apps.connections.open")(c) && (c.body as { ok: boolean }).ok)).toBe(
        true,
      );
    } finally {
      await socketBot.stop();
    }
  });
});

describe("Slack: several workspaces (OAuth)", () => {
  beforeAll(startOAuthBot);
  afterAll(() => oauthBot?.stop());

  it("GIVEN a workspace admin installs through /slack/install THEN the installation is kept and used for that workspace", async () => {
    const install = await fetch(`${oauthBase}/slack/install`, { redirect: "manual" });
    expect(install.status).toBe(302);
    const authorize = new URL(install.headers.get("location") ?? "");
    expect(authorize.searchParams.get("client_id")).toBe(fake.clientId);
    expect(authorize.searchParams.get("scope")).toContain("chat:write");
    const cookie = (install.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const state = authorize.searchParams.get("state") ?? "";
    const code = fake.approveInstall(SECOND, "second");
    const back = await fetch(
      `${oauthBase}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`,
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
    if (oauthBot === undefined) throw new Error("the OAuth bot isn't running");
    const posted = await oauthBot.messages.post(conversation, {
      tone: "info",
      title: "Hello",
      blocks: [],
    });
    expect(posted.messageId).toMatch(/^\d+\.\d{6}$/u);
    expect(fake.calls.filter(fromSecond).map((c) => c.method)).toContain("chat.postMessage");
    expect(errors.map(String)).toEqual([]);
  });

  it("GIVEN a command from the installed workspace THEN answered, its lookups made with that workspace's token", async () => {
    const command = { ...build.slashCommand({ command: "/framecast", text: "usage" }), team_id: SECOND };
    const ack = await sender.send(`${oauthBase}/slack/events`, commandBody(command));
    expect(ack.status).toBe(200);
    const answer = await fake.waitFor(
      (c) => c.kind === "response" && c.method === new URL(command.response_url).pathname,
    );
    expect(answer.args).toMatchObject({ response_type: "ephemeral" });
    expect(fake.calls.some((c) => fromSecond(c) && c.method === "users.info")).toBe(true);
  });

  it("GIVEN another workspace types a link to this workspace's private file THEN refused; nothing is fetched with anyone's token", async () => {
    const file = fake.addFile(await picture("x.png", "testsrc=s=64x64:d=1"), "x.png", "image/png");
    const command = {
      ...build.slashCommand({ text: `their logo spins image:<${file.url_private}>` }),
      team_id: SECOND,
    };
    const before = { jobs: await jobs(), files: fake.calls.filter((c) => c.kind === "file").length };
    expect((await sender.send(`${oauthBase}/slack/events`, commandBody(command))).status).toBe(200);
    const answer = await fake.waitFor(
      (c) => c.kind === "response" && c.method === new URL(command.response_url).pathname,
    );
    expect(JSON.stringify(answer.args)).toMatch(/attach/iu);
    await oauthBot?.idle();
    expect({ jobs: await jobs(), files: fake.calls.filter((c) => c.kind === "file").length }).toEqual(before);
  });

  it("GIVEN a command from a workspace that never installed framecast THEN nothing is done for it", async () => {
    const before = fake.calls.length;
    const command = {
      ...build.slashCommand({ command: "/framecast", text: "usage" }),
      team_id: "T0NOTINST1",
    };
    const ack = await sender.send(`${oauthBase}/slack/events`, commandBody(command));
    expect(ack.status).not.toBe(200);
    expect(fake.calls.slice(before).filter((c) => c.kind === "response")).toEqual([]);
    // bolt reports the refused authorization as an error: expected here, so taken off the list.
    const refused = errors.findIndex((e) => String(e).includes("isn't installed in T0NOTINST1"));
    expect(refused).toBeGreaterThanOrEqual(0);
    errors.splice(refused, 1);
  });
});

describe("Slack: replays and clocks", () => {
  it("GIVEN a signed /video sent again as it was (a replay within the 5 minutes) THEN nothing new: one job, one message", async () => {
    // Bob's: the tests after this one use up Alice's five videos a day.
    const command = build.slashCommand({ text: "a replayed fox duration:1", user: fake.world.bob });
    const timestamp = Math.floor(Date.now() / 1000);
    const before = await jobs();
    expect((await sender.send(current().endpoint, commandBody(command), { timestamp })).status).toBe(200);
    await current().bot.idle();
    expect((await sender.send(current().endpoint, commandBody(command), { timestamp })).status).toBe(200);
    await current().bot.idle();
    expect(await jobs()).toBe(before + 1);
    const posted = fake.calls.filter(
      (c) => api("chat.postMessage")(c) && textOf(c).includes("a replayed fox"),
    );
    expect(posted).toHaveLength(1);
    await finished(current().engine.lastJob());
  }, 30_000);

  it("GIVEN a request signed with a timestamp more than 5 minutes ahead THEN 401 and nothing happens", async () => {
    const [calls, before] = [fake.calls.length, await jobs()];
    const command = build.slashCommand({ text: "a fox from the future", user: fake.world.bob });
    const ahead = await sender.send(current().endpoint, commandBody(command), {
      timestamp: Math.floor(Date.now() / 1000) + 5 * 60 + 30,
    });
    expect(ahead.status).toBe(401);
    await current().bot.idle();
    // Nothing said about it (an earlier job's last edit may still land meanwhile), no job.
    const about = fake.calls.slice(calls).filter((c) => JSON.stringify(c).includes("from the future"));
    expect({ about, jobs: await jobs() }).toEqual({ about: [], jobs: before });
  });
});

describe("Slack: restarts", () => {
  it("GIVEN the bot stops right after accepting a /video THEN a new bot on the same database delivers it", async () => {
    const command = build.slashCommand({ text: "a fox after a restart duration:1" });
    expect((await sender.send(current().endpoint, commandBody(command))).status).toBe(200);
    await fake.waitFor((c) => api("chat.postMessage")(c) && textOf(c).includes("after a restart"));
    const jobId = current().engine.lastJob();
    await stopBot();
    await startBot();
    expect((await finished(jobId)).state).toBe("delivered");
    expect((await current().engine.store.get(jobId))?.videoMessageId).toMatch(/^F/u);
    await expectLedgerMatchesCounters(database().db);
    expect(errors.map(String)).toEqual([]);
  }, 30_000);
});

describe("Slack: the finished video's message", () => {
  /** What a person reads in a message: its header, sections and fields. */
  const visible = (m: StoredMessage | undefined): string =>
    (m?.blocks ?? [])
      .flatMap((b) => {
        const block = b as { text?: { text: string }; fields?: { text: string }[] };
        return [block.text?.text, ...(block.fields ?? []).map((f) => f.text)];
      })
      .join("\n");

  it("GIVEN /video seed:42 and one without a seed THEN each job's message shows its seed: 42, and the one PixVerse reported", async () => {
    // Bob: Alice has used her day's videos by now.
    pixverse.nextScript = [1];
    viaPixverse.open = true;
    const ids: string[] = [];
    for (const text of ["a fox seed:42 duration:1", "a fox duration:1"]) {
      const since = fake.calls.length;
      const ack = await sender.send(
        current().endpoint,
        commandBody(build.slashCommand({ text, user: fake.world.bob })),
      );
      expect(ack.status).toBe(200);
      await fake.waitFor((c) => api("chat.postMessage")(c) && fake.calls.indexOf(c) >= since);
      ids.push(current().engine.lastJob());
    }
    const ended = await Promise.all(
      ids.map(async (id) => (await finished(id)) && current().engine.store.get(id)),
    );
    viaPixverse.open = false;
    expect(ended.map((j) => j?.error)).toEqual([undefined, undefined]);
    expect(ended.map((j) => [j?.state, j?.provider?.provider])).toEqual([
      ["delivered", "pixverse"],
      ["delivered", "pixverse"],
    ]);
    const reported = pixverse.seedOf(ended[1]?.provider?.id ?? "");
    expect(reported).toEqual(expect.any(Number));
    for (const [job, seed] of [
      [ended[0], "42"],
      [ended[1], String(reported)],
    ] as const) {
      const text = visible(fake.store.message(channel, job?.messageId ?? ""));
      expect(text).toContain("Your video is ready");
      for (const field of [
        `*Seed*\n${seed}`,
        "*Video*\nPixVerse v6 · 1 s · 16:9 · 360p · audio on",
        "*Cost*\n7 credits charged ($0.07 list price)",
        "*Provider*\nPixVerse",
        `*Job*\n${job?.id.slice(0, 8)}`,
      ])
        expect(text).toContain(field);
    }
    expect(errors.map(String)).toEqual([]);
  }, 30_000);
});
