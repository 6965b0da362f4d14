import {
  type APIApplicationCommandInteractionDataIntegerOption,
  type APIApplicationCommandInteractionDataStringOption,
  type APIUser,
  ApplicationCommandOptionType,
  type InteractionType,
  MessageFlags,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordingChat } from "../../src/app/recording-chat.ts";
import { DiscordBot } from "../../src/chat/discord/discord-bot.ts";
import type { DiscordChat } from "../../src/chat/discord/discord-chat.ts";
import { FakeDiscord, type RecordedCall } from "../fakes/discord/index.ts";
import { activeMarkup, shownText } from "../fakes/discord/markdown.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { useTestDatabase } from "../support/database.ts";
import { startTestEngineWith, type TestEngine } from "../support/engine.ts";
import { FakePixverseRoute } from "../support/fake-pixverse-route.ts";
import { handler } from "../support/handler.ts";
import { chargesOf, count, expectLedgerMatchesCounters } from "../support/money.ts";
import { instantPreview } from "../support/preview.ts";

// The Discord adapter end to end: a real discord.js client on the loopback fake, the real engine
// on a test database, the offline preview provider (and PixVerse's fake where a test opens it).

const database = useTestDatabase();
const { previewDir, preview } = instantPreview("discord-preview");
let clock = Date.now();
const fake = new FakeDiscord({ now: () => clock });
const pixverse = new FakePixverse();
let viaPixverse: FakePixverseRoute;
const errors: unknown[] = [];
let bot: DiscordBot;
let engine: TestEngine<DiscordChat>;

const bob: APIUser = {
  id: "223456789012345678",
  username: "bob",
  discriminator: "0",
  global_name: "Bob",
  avatar: null,
};

beforeAll(async () => {
  await fake.start();
  await pixverse.start();
  viaPixverse = new FakePixverseRoute(pixverse);
  bot = new DiscordBot({
    token: fake.token,
    apiUrl: `${fake.restUrl}/api`,
    now: () => clock,
    logError: (error) => errors.push(error),
  });
  engine = await startTestEngineWith(database(), [viaPixverse, preview], {
    previewDir,
    chat: bot.messages,
    mediaHosts: [new URL(pixverse.baseUrl).host],
  });
  await bot.start(engine.deps);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await engine?.stop();
  await fake.stop();
  await pixverse.stop();
});

const string = (name: string, value: string): APIApplicationCommandInteractionDataStringOption => ({
  name,
  type: ApplicationCommandOptionType.String,
  value,
});
const integer = (
  name: string,
  value: number,
): APIApplicationCommandInteractionDataIntegerOption<InteractionType.ApplicationCommand> => ({
  name,
  type: ApplicationCommandOptionType.Integer,
  value,
});

const callbackOf = (interactionId: string) => (c: RecordedCall) =>
  c.method === "POST" && c.params.interaction_id === interactionId;
const onToken = (token: string) => (c: RecordedCall) => c.params.webhook_token === token;
const jobs = () => count(database().db, sql`SELECT count(*)::int AS n FROM jobs`);
const ledgerRows = () => count(database().db, sql`SELECT count(*)::int AS n FROM ledger`);
/** Messages still visible to everyone that answer this interaction. */
const publicAnswersTo = (payload: { id: string; channel: { id: string } }) =>
  fake
    .messagesIn(payload.channel.id)
    .filter(
      (m) =>
        !m.deleted &&
        m.message.interaction_metadata?.id === payload.id &&
        ((m.message.flags ?? 0) & MessageFlags.Ephemeral) === 0,
    );

describe("Discord: /video end to end", () => {
  it("GIVEN /video THEN deferred within 3 s, progress edits of @original, the MP4 posted once, charged", async () => {
    bot.deferAfterMs = 0;
    const payload = fake.injectInteraction(
      fake.build.slashCommand({
        name: "video",
        options: [
          string("prompt", "a fox in snow"),
          string("model", "v6"),
          integer("duration", 1),
          string("quality", "360p"),
        ],
      }),
    );
    const callback = await fake.waitFor(callbackOf(payload.id));
    expect(callback).toMatchObject({ status: 204, body: { type: 5 } });
    expect(callback.at - receivedAt(payload.id)).toBeLessThan(3_000);
    const upload = await fake.waitFor(
      (c) => c.method === "POST" && c.route === "/channels/{channel_id}/messages" && c.files.length > 0,
      30_000,
    );
    const job = await engine.finished(engine.lastJob());
    expect(job.state).toBe("delivered");
    expect(upload.status).toBe(200);
    expect(upload.files[0]?.name).toBe("framecast.mp4");
    expect(upload.files[0]?.bytes.subarray(4, 8).toString("latin1")).toBe("ftyp");
    expect(upload.body).toMatchObject({
      enforce_nonce: true,
      nonce: expect.stringMatching(/^.{1,25}$/u),
      embeds: [{ title: "Your video is ready" }],
    });
    const edits = fake.calls.filter(
      (c) => c.method === "PATCH" && onToken(payload.token)(c) && c.path.endsWith("/messages/@original"),
    );
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(edits.every((c) => c.status === 200)).toBe(true);
    expect(edits[0]?.body).toMatchObject({ embeds: [{ title: expect.stringMatching(/^Queued/u) }] });
    const original = fake.interaction(payload.id)?.original?.message;
    expect(original?.embeds[0]?.title).toBe("Your video is ready");
    expect(original?.flags ?? 0).toBe(0);
    expect(await chargesOf(database().db, job.id)).toBe(1);
    await expectLedgerMatchesCounters(database().db);
    expect(errors).toEqual([]);
  }, 60_000);

  it("GIVEN an invalid /video (v5.6 for 99 s) THEN an ephemeral error at once; no job, no ledger row", async () => {
    bot.deferAfterMs = 1_000;
    const before = await jobs();
    const ledger = await ledgerRows();
    const payload = fake.injectInteraction(
      fake.build.slashCommand({
        name: "video",
        options: [string("prompt", "a fox"), string("model", "v5.6"), integer("duration", 99)],
      }),
    );
    const callback = await fake.waitFor(callbackOf(payload.id));
    expect(callback.status).toBe(204);
    expect(callback.body).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(JSON.stringify(callback.body)).toMatch(/duration/iu);
    expect(await jobs()).toBe(before);
    expect(await ledgerRows()).toBe(ledger);
  }, 30_000);

  it("GIVEN an invalid /video after a public defer THEN the “thinking…” message is deleted and the error is ephemeral", async () => {
    bot.deferAfterMs = 0;
    const payload = fake.injectInteraction(
      fake.build.slashCommand({
        name: "video",
        options: [string("prompt", "a fox"), string("model", "v5.6"), integer("duration", 99)],
      }),
    );
    const followUp = await fake.waitFor(
      (c) =>
        c.method === "POST" &&
        c.route === "/webhooks/{webhook_id}/{webhook_token}" &&
        onToken(payload.token)(c),
    );
    expect(followUp.status).toBe(200);
    expect(followUp.body).toMatchObject({ flags: MessageFlags.Ephemeral });
    const record = fake.interaction(payload.id);
    expect(record?.original?.deleted).toBe(true);
    expect(publicAnswersTo(payload)).toEqual([]);
  }, 30_000);

  it("GIVEN a member over their quota THEN a clear ephemeral refusal, nothing public left, no job, nothing charged", async () => {
    bot.deferAfterMs = 1_000;
    const guild = fake.world.guilds[0];
    if (guild === undefined) throw new Error("the fake has no guild");
    // An operator sets Bob's daily allowance to none left (as /framecast admin would).
    const admin = new RecordingChat();
    await handler(
      engine.deps,
      admin,
    )({
      conversation: {
        platform: "discord",
        workspaceId: guild.id,
        channelId: "c-admin",
        userId: "u1",
        userName: "operator",
      },
      roles: [],
      input: { kind: "text", text: `/framecast admin quota set user:<@${bob.id}> videos:0` },
    });
    expect(admin.records.at(-1)?.view.tone).not.toBe("error");
    const before = await jobs();
    const ledger = await ledgerRows();
    const payload = fake.injectInteraction(
      fake.build.slashCommand({ name: "video", user: bob, options: [string("prompt", "one fox too many")] }),
    );
    const callback = await fake.waitFor(callbackOf(payload.id));
    expect(callback.body).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(JSON.stringify(callback.body)).toMatch(/quota/iu);
    expect(await jobs()).toBe(before);
    expect(await ledgerRows()).toBe(ledger);
    expect(publicAnswersTo(payload)).toEqual([]);
  }, 30_000);

  it("GIVEN someone else clicks Cancel THEN an ephemeral refusal and the job is untouched", async () => {
    bot.deferAfterMs = 1_000;
    const jobId = engine.lastJob();
    const job = await engine.store.get(jobId);
    const message = job?.messageId === undefined ? undefined : fake.message(job.messageId)?.message;
    if (message === undefined) throw new Error("the job's message is not on the fake");
    const click = fake.injectInteraction(
      fake.build.button({ customId: `fc:cancel:${jobId}`, message, user: bob }),
    );
    const callback = await fake.waitFor(callbackOf(click.id));
    expect(callback.body).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(JSON.stringify(callback.body)).toContain(
      "Only the person who asked for a video (or an admin) can cancel it.",
    );
    expect((await engine.store.get(jobId))?.state).toBe(job?.state);
  }, 30_000);
});

describe("Discord: admins and expired tokens", () => {
  it("GIVEN a member with Manage Server clicks Cancel on someone's finished job THEN past the owner check", async () => {
    const jobId = engine.lastJob();
    const job = await engine.store.get(jobId);
    const message = job?.messageId === undefined ? undefined : fake.message(job.messageId)?.message;
    if (message === undefined) throw new Error("the job's message is not on the fake");
    const payload = fake.build.button({ customId: `fc:cancel:${jobId}`, message, user: bob });
    if (payload.member === undefined) throw new Error("a guild click has a member");
    payload.member.permissions = String(PermissionFlagsBits.ManageGuild);
    const click = fake.injectInteraction(payload);
    const callback = await fake.waitFor(callbackOf(click.id));
    expect(callback.body).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(JSON.stringify(callback.body)).toContain("That video has already finished.");
  }, 30_000);

  it("GIVEN 14 minutes since the interaction THEN the job message is edited as the bot's channel message", async () => {
    const job = await engine.store.get(engine.lastJob());
    if (job?.messageId === undefined) throw new Error("no job message");
    clock += 14 * 60_000 + 1;
    const view = { tone: "info" as const, title: "Edited later", blocks: [] };
    await bot.messages.edit({ conversation: job.conversation, messageId: job.messageId }, view);
    const edit = fake.calls.at(-1);
    expect(edit).toMatchObject({
      method: "PATCH",
      route: "/channels/{channel_id}/messages/{message_id}",
      params: { channel_id: job.conversation.channelId, message_id: job.messageId },
      status: 200,
    });
    expect(fake.message(job.messageId)?.message.embeds[0]?.title).toBe("Edited later");
  }, 30_000);
});

describe("Discord: New seed on a delivered video", () => {
  it("GIVEN a stranger presses New seed THEN an ephemeral refusal and no job; GIVEN the owner does THEN a second video with a new seed is delivered", async () => {
    bot.deferAfterMs = 1_000;
    const firstId = engine.lastJob();
    await engine.finished(firstId);
    const first = await engine.store.get(firstId);
    if (first === undefined) throw new Error("no first job");
    expect(first.state).toBe("delivered");
    // The posted video carries the buttons (the job's message was edited by the test above).
    const message =
      first.videoMessageId === undefined ? undefined : fake.message(first.videoMessageId)?.message;
    if (message === undefined) throw new Error("the video's message is not on the fake");
    const customId = `fc:new_seed:${firstId}`;
    expect(JSON.stringify(message.components)).toContain(customId);

    const refused = fake.injectInteraction(fake.build.button({ customId, message, user: bob }));
    const refusal = await fake.waitFor(callbackOf(refused.id));
    expect(refusal.body).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(JSON.stringify(refusal.body)).toContain("Only the person who asked for a video (or an admin)");
    expect(engine.lastJob()).toBe(firstId);

    const click = fake.injectInteraction(fake.build.button({ customId, message }));
    const answer = await fake.waitFor(callbackOf(click.id));
    // A public answer like /video's: the job's message (200 with the message: `with_response`).
    expect(answer.status).toBe(200);
    expect((answer.body as { data?: { flags?: number } }).data?.flags ?? 0).toBe(0);
    const secondId = engine.lastJob();
    expect(secondId).not.toBe(firstId);
    await engine.finished(secondId);
    const second = await engine.store.get(secondId);
    if (second === undefined) throw new Error("no second job");
    expect(second).toMatchObject({ state: "delivered", request: { prompt: first.request.prompt } });
    expect(second.conversation.userId).toBe(first.conversation.userId);
    expect(second.request.seed).toEqual(expect.any(Number));
    expect(second.request.seed).not.toBe(first.request.seed);
    expect(second.videoMessageId).toBeDefined();
    await expectLedgerMatchesCounters(database().db);
    expect(errors).toEqual([]);
  }, 60_000);
});

/** Someone new for each test below, with a full day's quota. */
const member = (n: number): APIUser => ({
  id: `42345678901234567${n}`,
  username: `member${n}`,
  discriminator: "0",
  global_name: `Member ${n}`,
  avatar: null,
});

/** /video by `user` with a tiny, fast video; resolves with the interaction and its finished job. */
async function video(user: APIUser, prompt: string) {
  const payload = fake.injectInteraction(
    fake.build.slashCommand({
      name: "video",
      user,
      options: [
        string("prompt", prompt),
        string("model", "v6"),
        integer("duration", 1),
        string("quality", "360p"),
      ],
    }),
  );
  await fake.waitFor(callbackOf(payload.id));
  await fake.waitFor(
    (c) => c.method === "PATCH" && onToken(payload.token)(c) && JSON.stringify(c.body).includes("ready"),
    30_000,
  );
  const job = await engine.finished(engine.lastJob());
  const edits = fake.calls.filter((c) => c.method === "PATCH" && onToken(payload.token)(c));
  return { payload, job, edits };
}

/**
 * One public video for the two tests below: a prompt that opens markup Discord would render, then
 * emoji up to the 2048-character limit. Each emoji is 2 UTF-16 code units (Discord's unit), so the
 * prompt is 4067 units, and with the progress line under it the description passes 4096.
 */
const MARKUP = "# [a](https://e.x) ||s|| ```";
let hostile: ReturnType<typeof video> | undefined;
const hostileVideo = () => {
  bot.deferAfterMs = 1_000;
  hostile ??= video(member(1), `${MARKUP} ${"🦊".repeat(2047 - MARKUP.length)}`);
  return hostile;
};
const descriptionOf = (call: RecordedCall): string =>
  (call.body as { embeds: { description?: string }[] }).embeds[0]?.description ?? "";

describe("Discord: a prompt is shown as typed", () => {
  it("GIVEN a prompt with a heading, a masked link, a spoiler and an open code fence THEN the public embed shows it inert, pinging nobody", async () => {
    const { job, edits } = await hostileVideo();
    expect(job.state).toBe("delivered");
    expect(edits.length).toBeGreaterThanOrEqual(2);
    for (const edit of edits) {
      expect(activeMarkup(descriptionOf(edit))).toEqual([]);
      expect(shownText(descriptionOf(edit))).toContain(MARKUP);
      expect((edit.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
    }
  }, 30_000);
});

describe("Discord: lengths counted as Discord counts them", () => {
  it("GIVEN a 2048-character prompt of 4067 UTF-16 code units THEN every edit of its message is accepted, within Discord's limits", async () => {
    const { job, edits } = await hostileVideo();
    expect(job.state).toBe("delivered");
    expect(edits.map((c) => c.status)).toEqual(edits.map(() => 200));
    for (const edit of edits) {
      expect(descriptionOf(edit).length).toBeLessThanOrEqual(4096);
      // Cut between characters, never inside one (no lone surrogate).
      expect(descriptionOf(edit).isWellFormed()).toBe(true);
    }
  }, 30_000);
});

describe("Discord: one click, one job", () => {
  it("GIVEN the owner double-clicks Regenerate THEN one new video, one charge; the second click is told privately it already started", async () => {
    bot.deferAfterMs = 1_000;
    const job = await engine.store.get((await hostileVideo()).job.id);
    const message = job?.videoMessageId === undefined ? undefined : fake.message(job.videoMessageId)?.message;
    if (message === undefined) throw new Error("the video's message is not on the fake");
    const before = { jobs: await jobs(), last: engine.lastJob() };
    const click = () =>
      fake.injectInteraction(
        fake.build.button({ customId: `fc:regenerate:${job?.id}`, message, user: member(1) }),
      );
    const clicks = [click(), click()];
    const answers = await Promise.all(clicks.map((c) => fake.waitFor(callbackOf(c.id))));
    const secondId = engine.lastJob();
    expect(secondId).not.toBe(before.last);
    await engine.finished(secondId);
    expect(await jobs()).toBe(before.jobs + 1);
    expect(await chargesOf(database().db, secondId)).toBe(1);
    // Both clicks were answered: one with the new job's message, one privately.
    const told = [...answers, ...fake.calls.filter((c) => clicks.some((k) => onToken(k.token)(c)))];
    expect(JSON.stringify(told.map((c) => c.body))).toContain("Already started");
    await expectLedgerMatchesCounters(database().db);
  }, 30_000);
});

describe("Discord: no other platform's files", () => {
  it("GIVEN a mention asking for a Slack private file as the picture THEN refused; no job", async () => {
    const before = await jobs();
    const mention = fake.build.userMessage({
      content: "a fox image:https://files.slack.com/files-pri/T0FRAMECST-F0000000001/logo.png",
      mentionBot: true,
      user: member(3),
    });
    fake.injectMessage(mention);
    const answer = await fake.waitFor(
      (c) =>
        c.method === "POST" &&
        c.route === "/channels/{channel_id}/messages" &&
        JSON.stringify(c.body).includes(`"message_id":"${mention.id}"`),
    );
    expect(JSON.stringify(answer.body)).toMatch(/files\.slack\.com/u);
    expect(JSON.stringify(answer.body)).toMatch(/Can't use that picture/u);
    expect(await jobs()).toBe(before);
  }, 30_000);
});

describe("Discord: the finished video's message", () => {
  it("GIVEN /video seed:42 and one without a seed THEN each video's embed shows its seed: 42, and the one PixVerse reported", async () => {
    bot.deferAfterMs = 1_000;
    pixverse.nextScript = [1];
    viaPixverse.open = true;
    const options = [string("prompt", "a fox"), string("model", "v6"), integer("duration", 1)];
    const asked = fake.injectInteraction(
      fake.build.slashCommand({ name: "video", options: [...options, integer("seed", 42)] }),
    );
    await fake.waitFor(callbackOf(asked.id));
    const askedJob = engine.lastJob();
    const random = fake.injectInteraction(fake.build.slashCommand({ name: "video", options }));
    await fake.waitFor(callbackOf(random.id));
    const randomJob = engine.lastJob();
    await Promise.all([engine.finished(askedJob), engine.finished(randomJob)]);
    // Closed once both were submitted (the router asks at submission, after acceptance).
    viaPixverse.open = false;
    const ended = await Promise.all([engine.store.get(askedJob), engine.store.get(randomJob)]);
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
      const embed = fake.message(job?.videoMessageId ?? "")?.message.embeds[0];
      const visible = [
        embed?.title,
        embed?.description,
        ...(embed?.fields ?? []).flatMap((f) => [f.name, f.value]),
      ];
      expect(visible.join("\n")).toContain(seed);
      expect(embed?.fields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: "Seed", value: seed }),
          expect.objectContaining({ name: "Video", value: "PixVerse v6 · 1 s · 16:9 · 720p · audio on" }),
          expect.objectContaining({ name: "Cost", value: "7 credits charged ($0.07 list price)" }),
          expect.objectContaining({ name: "Provider", value: "PixVerse" }),
          expect.objectContaining({ name: "Job", value: job?.id.slice(0, 8) }),
        ]),
      );
    }
    expect(errors).toEqual([]);
  }, 60_000);
});

describe("Discord: a reply mentioning the bot without the Message Content intent", () => {
  it("GIVEN the replied-to picture is hidden from the bot THEN a reply saying so and what to do instead; no job", async () => {
    const before = await jobs();
    const target = fake.build.userMessage({
      attachments: [fake.build.attachment({ filename: "sea.png", bytes: Buffer.from("png") })],
    });
    fake.injectMessage(target);
    const mention = fake.build.userMessage({
      content: "make the waves crash",
      mentionBot: true,
      replyTo: target,
    });
    fake.injectMessage(mention);
    const answer = await fake.waitFor(
      (c) =>
        c.method === "POST" &&
        c.route === "/channels/{channel_id}/messages" &&
        JSON.stringify(c.body).includes(`"message_id":"${mention.id}"`),
    );
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toMatch(/Animate with framecast/u);
    expect(await jobs()).toBe(before);
  }, 30_000);
});

describe("Discord: a channel where the bot may not send messages", () => {
  const general = () => fake.world.guilds[0]?.channels[0]?.id ?? "";

  it("GIVEN /video there THEN the answer still shows (interactions need no permission), the video is given up at the first try, the message says why, refunded", async () => {
    bot.deferAfterMs = 0;
    fake.denySend(general());
    try {
      const payload = fake.injectInteraction(
        fake.build.slashCommand({
          name: "video",
          options: [string("prompt", "a fox nobody may post"), string("model", "v6"), integer("duration", 1)],
        }),
      );
      // The job's message: @original, edited once the job is accepted.
      await fake.waitFor((c) => c.method === "PATCH" && onToken(payload.token)(c), 30_000);
      const job = await engine.finished(engine.lastJob());
      expect(job.request.prompt).toBe("a fox nobody may post");
      expect(job.state).toBe("failed");
      const uploads = fake.calls.filter(
        (c) => c.route === "/channels/{channel_id}/messages" && c.files.length > 0 && c.status === 403,
      );
      expect(uploads).toHaveLength(1);
      const original = fake.interaction(payload.id)?.original?.message;
      expect(JSON.stringify(original?.embeds)).toContain("couldn't post it here (framecast may not send");
      expect(await chargesOf(database().db, job.id)).toBe(0);
      await expectLedgerMatchesCounters(database().db);
    } finally {
      fake.denySend(general(), false);
    }
  }, 60_000);

  it("GIVEN a mention there THEN its job is stopped and refunded at once, and the person told by direct message", async () => {
    fake.denySend(general());
    try {
      const before = fake.directMessagesTo(fake.world.user.id).length;
      fake.injectMessage(fake.build.userMessage({ content: "a fox in a quiet channel", mentionBot: true }));
      const dm = await fake.waitFor(
        (c) =>
          c.route === "/channels/{channel_id}/messages" &&
          c.status === 200 &&
          c.params.channel_id === fake.world.dms.get(fake.world.user.id)?.id,
      );
      expect(JSON.stringify(dm.body)).toContain("Couldn't post here");
      expect(fake.directMessagesTo(fake.world.user.id).length).toBe(before + 1);
      const job = await engine.store.get(engine.lastJob());
      expect(job?.state).toBe("canceled");
      expect(await chargesOf(database().db, job?.id ?? "")).toBe(0);
    } finally {
      fake.denySend(general(), false);
    }
  }, 30_000);
});

function receivedAt(id: string): number {
  return fake.interaction(id)?.receivedAt ?? Number.NaN;
}
