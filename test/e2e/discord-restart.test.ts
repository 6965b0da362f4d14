import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type APIChatInputApplicationCommandGuildInteraction,
  ApplicationCommandOptionType,
  MessageFlags,
} from "discord-api-types/v10";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resumeOpenJobs } from "../../src/app/jobs/engine.ts";
import { DiscordBot } from "../../src/chat/discord/discord-bot.ts";
import type { DiscordChat } from "../../src/chat/discord/discord-chat.ts";
import { rowsOf } from "../../src/db/sql.ts";
import { PixverseProvider } from "../../src/providers/pixverse/client.ts";
import { BossJobQueue } from "../../src/queue/jobs-queue.ts";
import { FakeDiscord, type RecordedCall, TOKEN_TTL_MS } from "../fakes/discord/index.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { useTestDatabase } from "../support/database.ts";
import { startTestEngineWith, type TestEngine } from "../support/engine.ts";
import { expectLedgerMatchesCounters } from "../support/money.ts";
import { testHttpPolicy } from "../support/video-request.ts";

// Issue 6, "restart mid-job → message still completed": a /video is accepted and shows progress,
// the bot (gateway client and job engine) stops while the provider is still generating, a new
// bot starts on the same database and queue, the provider finishes, and the new bot completes the
// original message. Interaction tokens live in memory only, so after a restart every edit is a
// channel message edit, whether or not the token is still alive.

const database = useTestDatabase();
const pixverse = new FakePixverse();
const previewDir = mkdtempSync(join(tmpdir(), "framecast-discord-restart-"));
let clock = Date.now();
// The video goes to the second channel, so a post to the guild's first channel would show.
const fake = new FakeDiscord({ now: () => clock, guilds: [{ channels: ["general", "renders"] }] });
const bossSchema = `boss_restart_${randomBytes(4).toString("hex")}`;
const errors: unknown[] = [];

interface Running {
  readonly bot: DiscordBot;
  readonly engine: TestEngine<DiscordChat>;
}
let running: Running | undefined;

/** A bot as `npm start` runs one: the gateway client, the engine, then any job left mid-way resumed. */
async function startBot(): Promise<Running> {
  const bot = new DiscordBot({
    token: fake.token,
    apiUrl: `${fake.restUrl}/api`,
    now: () => clock,
    logError: (error) => errors.push(error),
  });
  const provider = new PixverseProvider({
    apiKey: pixverse.apiKey,
    baseUrl: pixverse.baseUrl,
    http: testHttpPolicy().policy,
  });
  const engine = await startTestEngineWith(database(), [provider], {
    previewDir,
    mediaHosts: [new URL(pixverse.baseUrl).host],
    chat: bot.messages,
    bossSchema,
  });
  await bot.start(engine.deps);
  await resumeOpenJobs({ jobs: engine.store, queue: new BossJobQueue(engine.boss) });
  running = { bot, engine };
  return running;
}

/** Stops as on SIGTERM: interactions in hand are answered, running steps finish, nothing after. */
async function stopBot({ bot, engine }: Running): Promise<void> {
  await bot.stop();
  await engine.boss.stop({ graceful: true });
  running = undefined;
}

beforeAll(async () => {
  await fake.start();
  await pixverse.start();
  pixverse.nextScript = [5]; // every video generates until the test calls finish()
}, 60_000);

afterAll(async () => {
  if (running !== undefined) await stopBot(running);
  await database().db.execute(sql.raw(`DROP SCHEMA IF EXISTS "${bossSchema}" CASCADE`));
  await fake.stop();
  await pixverse.stop();
});

const renders = (): string => {
  const channel = fake.world.guilds[0]?.channels[1];
  if (channel === undefined) throw new Error("the fake has no #renders channel");
  return channel.id;
};

function injectVideo(prompt: string): APIChatInputApplicationCommandGuildInteraction {
  return fake.injectInteraction(
    fake.build.slashCommand({
      name: "video",
      channelId: renders(),
      options: [
        { name: "prompt", type: ApplicationCommandOptionType.String, value: prompt },
        { name: "model", type: ApplicationCommandOptionType.String, value: "v6" },
        { name: "duration", type: ApplicationCommandOptionType.Integer, value: 1 },
        { name: "quality", type: ApplicationCommandOptionType.String, value: "360p" },
      ],
    }),
  );
}

const isUpload = (c: RecordedCall): boolean =>
  c.method === "POST" && c.route === "/channels/{channel_id}/messages" && c.files.length > 0;
const titleOf = (c: RecordedCall): string =>
  (c.body as { embeds?: { title?: string }[] } | undefined)?.embeds?.[0]?.title ?? "";

/** Resolves once the provider has been asked to make a video (after request number `since`). */
function submitted(since: number): Promise<void> {
  const isSubmit = (path: string): boolean => path.endsWith("/generate");
  if (pixverse.requests.slice(since).some((r) => isSubmit(r.path))) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = (path: string): void => {
      if (!isSubmit(path)) return;
      pixverse.off("request", listener);
      resolve();
    };
    pixverse.on("request", listener);
  });
}

/** Runs /video, and stops the bot once the job is generating and its message has been edited. */
async function startVideoThenStop(prompt: string, deferAfterMs: number) {
  const first = await startBot();
  first.bot.deferAfterMs = deferAfterMs;
  const requestsBefore = pixverse.requests.length;
  const payload = injectVideo(prompt);
  const progress = await fake.waitFor(
    (c) => c.method === "PATCH" && c.params.webhook_token === payload.token && c.status === 200,
    10_000,
  );
  expect(titleOf(progress)).toMatch(/^(Queued|Starting|Generating)/u);
  await submitted(requestsBefore);
  const jobId = first.engine.lastJob();
  await stopBot(first);
  expect((await first.engine.store.get(jobId))?.state).toBe("running");
  const before = new Set(fake.messagesIn(payload.channel.id).map((m) => m.message.id));
  return { payload, jobId, before };
}

/** Starts the new bot, lets the provider finish, and checks the original message was completed. */
async function restartAndFinish(started: Awaited<ReturnType<typeof startVideoThenStop>>) {
  const { payload, jobId, before } = started;
  const second = await startBot();
  // From here on, calls are the new bot's: the old one's last edit was sent before its engine
  // stopped, and lands while this one starts.
  const since = fake.calls.length;
  pixverse.finish();
  await second.engine.finished(jobId);
  const job = await second.engine.store.get(jobId);
  if (job === undefined) throw new Error("the job is gone");
  expect(job).toMatchObject({ state: "delivered", conversation: { channelId: renders() } });
  const messageId = job.messageId ?? "";

  // The video: posted once, in the channel the command came from.
  const uploads = fake.calls.filter((c) => isUpload(c) && c.status === 200);
  const ofThisJob = uploads.filter((c) => (c.response as { id?: string }).id === job.videoMessageId);
  expect(ofThisJob).toHaveLength(1);
  expect(ofThisJob[0]?.params.channel_id).toBe(payload.channel.id);
  expect(ofThisJob[0]?.files[0]?.name).toBe("framecast.mp4");
  const withVideo = fake
    .messagesIn(payload.channel.id)
    .filter(
      (m) => !before.has(m.message.id) && m.message.attachments.some((a) => a.filename === "framecast.mp4"),
    );
  expect(withVideo.map((m) => m.message.id)).toEqual([job.videoMessageId]);

  // The original response: edited to its final state as the bot's channel message.
  const original = fake.interaction(payload.id)?.original;
  expect(original?.message.id).toBe(messageId);
  expect(original?.deleted).toBe(false);
  expect(original?.message.embeds[0]?.title).toBe("Your video is ready");
  expect((original?.message.flags ?? 0) & MessageFlags.Loading).toBe(0);
  const after = fake.calls.slice(since);
  const edits = after.filter((c) => c.method === "PATCH");
  expect(edits.length).toBeGreaterThan(0);
  expect(edits.every((c) => c.route === "/channels/{channel_id}/messages/{message_id}")).toBe(true);
  expect(edits.every((c) => c.params.message_id === messageId && c.status === 200)).toBe(true);
  expect(titleOf(edits.at(-1) as RecordedCall)).toBe("Your video is ready");
  // No duplicate posts: since the restart, the video's message is the only one created.
  const created = after.filter((c) => c.method === "POST" && c.route !== undefined && c.status < 300);
  expect(created.map((c) => c.route)).toEqual(["/channels/{channel_id}/messages"]);
  expect(after.filter((c) => c.status >= 400)).toEqual([]);

  // Charged once.
  const kinds = rowsOf<{ kind: string }>(
    await database().db.execute(sql`SELECT kind FROM ledger WHERE job_id = ${jobId} ORDER BY id`),
  ).map((r) => r.kind);
  expect(kinds).toEqual(["reserve", "charge"]);
  await expectLedgerMatchesCounters(database().db);
  expect(errors).toEqual([]);
  await stopBot(second);
  return since;
}

describe("Discord: a restart in the middle of a job", () => {
  it("GIVEN /video generating when the bot stops THEN the bot that starts next posts the video once, completes the original message and charges once", async () => {
    const started = await startVideoThenStop("a lighthouse in a storm", 1_000);
    await restartAndFinish(started);
  }, 30_000);

  it("GIVEN the interaction token expires while the bot is down THEN the message is still completed through channel edits", async () => {
    const started = await startVideoThenStop("a heron at dawn", 0);
    clock += TOKEN_TTL_MS + 60_000;
    const since = await restartAndFinish(started);
    // The token really is dead now: nothing after the restart used it.
    const token = started.payload.token;
    expect(fake.calls.slice(since).filter((c) => c.params.webhook_token === token)).toEqual([]);
  }, 30_000);
});
