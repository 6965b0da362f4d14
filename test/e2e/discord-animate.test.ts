import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type APIApplicationCommandInteractionDataOption,
  ApplicationCommandOptionType,
  type InteractionType,
  MessageFlags,
} from "discord-api-types/v10";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscordBot } from "../../src/chat/discord/discord-bot.ts";
import type { DiscordChat } from "../../src/chat/discord/discord-chat.ts";
import { imageFetcher } from "../../src/media/image-fetcher.ts";
import { PixverseProvider } from "../../src/providers/pixverse/client.ts";
import { FakeDiscord, type RecordedCall } from "../fakes/discord/index.ts";
import { shownText } from "../fakes/discord/markdown.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { useTestDatabase } from "../support/database.ts";
import { startTestEngineWith, type TestEngine } from "../support/engine.ts";
import { chargesOf, count, expectLedgerMatchesCounters } from "../support/money.ts";

// Animating a picture on Discord end to end: the "Animate with framecast" message command and its
// form, a reply that mentions the bot, /video's autocomplete. A real discord.js client on the
// loopback fake; the real engine; PixVerse's fake, which must receive the picture's own bytes.

const database = useTestDatabase();
const discord = new FakeDiscord();
const pixverse = new FakePixverse();
const errors: unknown[] = [];
let bot: DiscordBot;
let engine: TestEngine<DiscordChat>;

/** A real 1×1 PNG, and a second picture with different bytes. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const eve = {
  id: "323456789012345678",
  username: "eve",
  discriminator: "0",
  global_name: "Eve",
  avatar: null,
};
const ivy = { ...eve, id: "423456789012345678", username: "ivy", global_name: "Ivy" };
const PNG2 = Buffer.concat([PNG, Buffer.from("second picture")]);

beforeAll(async () => {
  await discord.start();
  await pixverse.start();
  const cdnHost = new URL(discord.build.attachment({ filename: "probe.png", bytes: PNG }).url).host;
  const provider = new PixverseProvider({
    apiKey: pixverse.apiKey,
    baseUrl: pixverse.baseUrl,
    // As main.ts wires it: over https, only the allowed hosts (here the fake's CDN), size-capped,
    // images only.
    fetchImage: imageFetcher({ publicHosts: [cdnHost], maxBytes: 1024 * 1024, timeoutMs: 5_000 }),
  });
  bot = new DiscordBot({
    token: discord.token,
    apiUrl: `${discord.restUrl}/api`,
    // Replies that mention the bot need the privileged Message Content intent to see the picture.
    messageContent: true,
    logError: (error) => errors.push(error),
  });
  const previewDir = mkdtempSync(join(tmpdir(), "framecast-discord-animate-"));
  engine = await startTestEngineWith(database(), [provider], {
    previewDir,
    chat: bot.messages,
    mediaHosts: [new URL(pixverse.baseUrl).host],
    secrets: [pixverse.apiKey],
  });
  await bot.start(engine.deps);
  pixverse.nextScript = [1];
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await engine?.stop();
  await pixverse.stop();
  await discord.stop();
});

const callbackOf = (interactionId: string) => (c: RecordedCall) =>
  c.method === "POST" && c.params.interaction_id === interactionId;
const onToken = (token: string) => (c: RecordedCall) => c.params.webhook_token === token;
const jobCount = () => count(database().db, sql`SELECT count(*)::int AS n FROM jobs`);
const videoPosted = (c: RecordedCall) =>
  c.method === "POST" && c.route === "/channels/{channel_id}/messages" && c.files.length > 0;

/** What PixVerse was asked to generate for a finished job, with the pictures it was given. */
async function generated(jobId: string) {
  const job = await engine.store.get(jobId);
  const body = pixverse.job(job?.provider?.id ?? "");
  return {
    body,
    first: pixverse.image(body?.img_id ?? body?.first_frame_img)?.bytes,
    last: pixverse.image(body?.last_frame_img)?.bytes,
  };
}

describe("Discord: animate a picture", () => {
  it("GIVEN Animate with framecast on a message with a picture THEN a form; submitted → image-to-video with the picture's bytes, delivered, charged once", async () => {
    const picture = discord.build.attachment({ filename: "waves.png", bytes: PNG });
    const target = discord.build.userMessage({ content: "look at this", attachments: [picture] });
    discord.injectMessage(target);
    const menu = discord.injectInteraction(
      discord.build.messageCommand({ name: "Animate with framecast", target }),
    );
    const opened = await discord.waitFor(callbackOf(menu.id));
    expect(opened.status).toBe(204);
    expect(opened.body).toMatchObject({ type: 9, data: { custom_id: `fc:animate:${target.id}` } });

    const submit = discord.injectInteraction(
      discord.build.modalSubmit({
        customId: `fc:animate:${target.id}`,
        fields: { prompt: "the waves crash", duration: "5", ratio: "" },
      }),
    );
    await discord.waitFor(callbackOf(submit.id));
    await discord.waitFor(videoPosted, 30_000);
    const job = await engine.finished(engine.lastJob());
    expect(job.state).toBe("delivered");
    expect(job.request).toMatchObject({
      mode: "image-to-video",
      prompt: "the waves crash",
      duration: 5,
      ratio: null,
    });
    const { body, first } = await generated(job.id);
    expect(body).toMatchObject({ prompt: "the waves crash", duration: 5 });
    expect(first?.equals(PNG)).toBe(true);
    expect(await chargesOf(database().db, job.id)).toBe(1);
    await expectLedgerMatchesCounters(database().db);
    expect(errors).toEqual([]);
  }, 60_000);

  it("GIVEN /video with an image option THEN the uploaded file's bytes reach PixVerse as the first frame", async () => {
    const picture = discord.build.attachment({ filename: "fox.png", bytes: PNG2, ephemeral: true });
    const payload = discord.injectInteraction(
      discord.build.slashCommand({
        name: "video",
        attachments: [picture],
        options: [
          { name: "prompt", type: ApplicationCommandOptionType.String, value: "the fox runs" },
          { name: "image", type: ApplicationCommandOptionType.Attachment, value: picture.id },
        ],
      }),
    );
    await discord.waitFor(callbackOf(payload.id));
    await discord.waitFor(
      (c) =>
        c.method === "PATCH" && c.params.webhook_token === payload.token && c.path.endsWith("/@original"),
    );
    const job = await engine.finished(engine.lastJob());
    expect(job.state).toBe("delivered");
    expect(job.request).toMatchObject({ mode: "image-to-video", firstFrame: picture.url });
    expect((await generated(job.id)).first?.equals(PNG2)).toBe(true);
  }, 60_000);

  it("GIVEN Animate on a message without a picture THEN an ephemeral explanation, no form, no job", async () => {
    const before = await jobCount();
    const target = discord.build.userMessage({ content: "just words" });
    discord.injectMessage(target);
    const menu = discord.injectInteraction(
      discord.build.messageCommand({ name: "Animate with framecast", target }),
    );
    const answer = await discord.waitFor(callbackOf(menu.id));
    expect(answer.body).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(JSON.stringify(answer.body)).toMatch(/no image/iu);
    expect(await jobCount()).toBe(before);
  });

  it("GIVEN a form submitted that this process never opened (a restart) THEN the message is read again and animated", async () => {
    const target = discord.build.userMessage({
      attachments: [discord.build.attachment({ filename: "a.png", bytes: PNG })],
    });
    discord.injectMessage(target);
    const submit = discord.injectInteraction(
      discord.build.modalSubmit({ customId: `fc:animate:${target.id}`, fields: { prompt: "sunrise" } }),
    );
    await discord.waitFor(callbackOf(submit.id));
    const job = await engine.finished(engine.lastJob());
    expect(job.state).toBe("delivered");
    expect((await generated(job.id)).first?.equals(PNG)).toBe(true);
  }, 60_000);

  it("GIVEN a reply mentioning the bot, to a picture, with a second picture attached THEN first → last frame, answered as replies", async () => {
    const target = discord.build.userMessage({
      attachments: [discord.build.attachment({ filename: "dusk.png", bytes: PNG })],
    });
    discord.injectMessage(target);
    const mention = discord.build.userMessage({
      content: "dusk turns to night",
      mentionBot: true,
      replyTo: target,
      attachments: [discord.build.attachment({ filename: "night.png", bytes: PNG2 })],
    });
    discord.injectMessage(mention);
    const first = await discord.waitFor(
      (c) =>
        c.method === "POST" &&
        c.route === "/channels/{channel_id}/messages" &&
        (c.body as { message_reference?: { message_id?: string } } | undefined)?.message_reference
          ?.message_id === mention.id,
    );
    expect(first.status).toBe(200);
    const job = await engine.finished(engine.lastJob());
    expect(job.state).toBe("delivered");
    expect(job.request).toMatchObject({ mode: "transition", prompt: "dusk turns to night" });
    const { first: firstBytes, last } = await generated(job.id);
    expect(firstBytes?.equals(PNG)).toBe(true);
    expect(last?.equals(PNG2)).toBe(true);
  }, 60_000);

  it("GIVEN Extend on a C1 video (PixVerse has no extend for C1) by a stranger THEN refused; by the owner THEN the last frame, shown privately, starts a new video", async () => {
    // Someone with today's quota left (the tests above used the default member's).
    const made = discord.injectInteraction(
      discord.build.slashCommand({
        name: "video",
        user: ivy,
        options: [
          { name: "prompt", type: ApplicationCommandOptionType.String, value: "a tide pool" },
          { name: "model", type: ApplicationCommandOptionType.String, value: "c1" },
          { name: "duration", type: ApplicationCommandOptionType.Integer, value: 1 },
          { name: "quality", type: ApplicationCommandOptionType.String, value: "360p" },
        ],
      }),
    );
    await discord.waitFor((c) => c.params.interaction_id === made.id && c.status === 200);
    const previous = await engine.finished(engine.lastJob());
    const message =
      previous?.messageId === undefined ? undefined : discord.message(previous.messageId)?.message;
    if (previous === undefined || message === undefined) throw new Error("no delivered job to extend");
    const stranger = discord.injectInteraction(
      discord.build.button({ customId: `fc:extend:${previous.id}`, message, user: eve }),
    );
    const refused = await discord.waitFor(callbackOf(stranger.id));
    expect(refused.body).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(JSON.stringify(refused.body)).toContain("Not your video");
    const click = discord.injectInteraction(
      discord.build.button({ customId: `fc:extend:${previous.id}`, message, user: ivy }),
    );
    const frame = await discord.waitFor(
      (c) => c.method === "POST" && c.params.webhook_token === click.token && c.files.length > 0,
    );
    expect(frame.status).toBe(200);
    expect(frame.body).toMatchObject({
      flags: MessageFlags.Ephemeral,
      embeds: [{ title: "Extending from this frame" }],
    });
    expect(frame.files[0]?.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    // The new video's message: the click's deferred answer, edited once the job is accepted.
    await discord.waitFor(
      (c) => c.method === "PATCH" && c.params.webhook_token === click.token && c.path.endsWith("/@original"),
    );
    const next = await engine.finished(engine.lastJob());
    expect(next.id).not.toBe(previous.id);
    expect(next.state).toBe("delivered");
    expect(next.request).toMatchObject({
      mode: "image-to-video",
      prompt: previous.request.prompt,
      lastFrame: null,
    });
    expect((await generated(next.id)).first?.equals(frame.files[0]?.bytes ?? Buffer.alloc(0))).toBe(true);
    await expectLedgerMatchesCounters(database().db);
  }, 60_000);

  it("GIVEN PixVerse's error echoes the API key THEN the public “Why” line shows it redacted, never the key", async () => {
    pixverse.failNext("echo-key");
    const payload = discord.injectInteraction(
      discord.build.slashCommand({
        name: "video",
        // Someone with today's quota left (the tests above used the default member's).
        user: eve,
        options: [{ name: "prompt", type: ApplicationCommandOptionType.String, value: "a leaky fox" }],
      }),
    );
    // The failure is shown by editing the job's public message (the interaction's original).
    const edit = await discord.waitFor(
      (c) => c.method === "PATCH" && onToken(payload.token)(c) && JSON.stringify(c.body).includes('"Why"'),
    );
    expect(edit.status).toBe(200);
    expect((await engine.finished(engine.lastJob())).state).toBe("failed");
    const fields = (edit.body as { embeds: { fields?: { name: string; value: string }[] }[] }).embeds[0]
      ?.fields;
    const why = shownText(fields?.find((f) => f.name === "Why")?.value ?? "");
    expect(why).toContain("has no access to this model");
    expect(why).toContain("[redacted]");
    expect(JSON.stringify(discord.calls.map((c) => c.body))).not.toContain(pixverse.apiKey);
  }, 30_000);

  it("GIVEN the job's message was deleted by a moderator THEN the rejected edit is reported (main.ts logs it), and the video still arrives", async () => {
    const payload = discord.injectInteraction(
      discord.build.slashCommand({
        name: "video",
        user: eve,
        options: [{ name: "prompt", type: ApplicationCommandOptionType.String, value: "a fox, unseen" }],
      }),
    );
    await discord.waitFor(
      (c) =>
        c.method === "PATCH" && onToken(payload.token)(c) && JSON.stringify(c.body).includes("Generating"),
    );
    const original = discord.interaction(payload.id)?.original;
    if (original === undefined) throw new Error("no original response");
    original.deleted = true;
    const job = await engine.finished(engine.lastJob());
    expect(job.state).toBe("delivered");
    const rejected = engine.editErrors.filter((e) => e.message.messageId === job.messageId);
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    expect(String(rejected[0]?.error)).toMatch(/Unknown Message/u);
  }, 30_000);

  it("GIVEN duration being typed with model v6 chosen THEN autocomplete offers v6's durations", async () => {
    const options: APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommandAutocomplete>[] =
      [
        { name: "prompt", type: ApplicationCommandOptionType.String, value: "a fox" },
        { name: "model", type: ApplicationCommandOptionType.String, value: "v6" },
        { name: "duration", type: ApplicationCommandOptionType.Integer, value: "1", focused: true },
      ];
    const payload = discord.injectInteraction({
      ...discord.build.slashCommand({ name: "video" }),
      type: 4,
      data: { ...discord.build.slashCommand({ name: "video" }).data, options },
    } as never);
    const answer = await discord.waitFor(callbackOf((payload as { id: string }).id));
    expect(answer.status).toBe(204);
    expect(answer.body).toMatchObject({ type: 8 });
    expect(
      (answer.body as { data: { choices: { value: number }[] } }).data.choices.map((c) => c.value),
    ).toEqual([1, 10, 11, 12, 13, 14, 15]);
  });
});
