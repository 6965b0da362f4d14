import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type APIApplicationCommandInteractionDataIntegerOption,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandInteractionDataStringOption,
  ApplicationCommandOptionType,
  type InteractionType,
  MessageFlags,
} from "discord-api-types/v10";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscordBot } from "../../src/chat/discord/discord-bot.ts";
import type { DiscordChat } from "../../src/chat/discord/discord-chat.ts";
import { createHttpServer, listen } from "../../src/http/server.ts";
import { imageFetcher } from "../../src/media/image-fetcher.ts";
import { PixverseProvider } from "../../src/providers/pixverse/client.ts";
import { FakeDiscord, type RecordedCall, type SendOptions } from "../fakes/discord/index.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { useTestDatabase } from "../support/database.ts";
import { startTestEngineWith, type TestEngine } from "../support/engine.ts";
import { chargesOf, count, expectLedgerMatchesCounters } from "../support/money.ts";

// Discord's HTTP interactions end to end: the fake Discord signs each interaction with its
// application key and POSTs it to the bot's /discord/interactions on the bot's real HTTP server;
// the bot runs without a gateway connection (DISCORD_GATEWAY=false), as a stateless instance
// behind a load balancer would. The real engine, PixVerse's fake as the provider.

const database = useTestDatabase();
const clock = Date.now();
const discord = new FakeDiscord({ now: () => clock });
const pixverse = new FakePixverse();
const errors: unknown[] = [];
let bot: DiscordBot;
let engine: TestEngine<DiscordChat>;
let server: Server;
let endpoint: string;

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

beforeAll(async () => {
  await discord.start();
  await pixverse.start();
  const cdnHost = new URL(discord.build.attachment({ filename: "probe.png", bytes: PNG }).url).host;
  const provider = new PixverseProvider({
    apiKey: pixverse.apiKey,
    baseUrl: pixverse.baseUrl,
    fetchImage: imageFetcher({ publicHosts: [cdnHost], maxBytes: 1024 * 1024, timeoutMs: 5_000 }),
  });
  bot = new DiscordBot({
    token: discord.token,
    apiUrl: `${discord.restUrl}/api`,
    publicKey: discord.publicKey,
    gateway: false,
    now: () => clock,
    logError: (error) => errors.push(error),
  });
  engine = await startTestEngineWith(database(), [provider], {
    previewDir: mkdtempSync(join(tmpdir(), "framecast-discord-http-")),
    chat: bot.messages,
    mediaHosts: [new URL(pixverse.baseUrl).host],
  });
  // The bot's one HTTP server, with the bot's mount beside /healthz and the webhooks.
  server = createHttpServer({
    router: engine.engine.router,
    jobs: engine.engine.store,
    queue: engine.engine.queue,
    metrics: engine.engine.metrics,
    now: () => new Date(clock),
    ready: async () => true,
    mounts: bot.mounts,
  });
  const port = await listen(server, 0, "127.0.0.1");
  endpoint = `http://127.0.0.1:${port}/discord/interactions`;
  await bot.start(engine.deps);
  // As the Developer Portal does when the URL is saved: a signed PING, and a forged one.
  await discord.setInteractionsEndpoint(endpoint);
  pixverse.nextScript = [1];
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await new Promise((done) => server?.close(done));
  await engine?.stop();
  await pixverse.stop();
  await discord.stop();
});

const callbackOf = (interactionId: string) => (c: RecordedCall) =>
  c.method === "POST" && c.route?.endsWith("/callback") === true && c.params.interaction_id === interactionId;
const videoPosted = (c: RecordedCall) =>
  c.method === "POST" && c.route === "/channels/{channel_id}/messages" && c.files.length > 0;
const jobs = () => count(database().db, sql`SELECT count(*)::int AS n FROM jobs`);
const ledgerRows = () => count(database().db, sql`SELECT count(*)::int AS n FROM ledger`);
const text = (name: string, value: string): APIApplicationCommandInteractionDataStringOption => ({
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
const video = (prompt: string) =>
  discord.build.slashCommand({
    name: "video",
    options: [text("prompt", prompt), text("model", "v6"), integer("duration", 1), text("quality", "360p")],
  });

describe("Discord over HTTP interactions", () => {
  it("GIVEN a PING THEN 200 {type:1} as JSON; before the bot has started the endpoint already answers it", async () => {
    const { id, application_id, token } = discord.build.slashCommand({ name: "ping" });
    const outcome = await discord.sendInteraction({
      id,
      application_id,
      token,
      type: 1,
      version: 1,
    } as never);
    expect(outcome).toMatchObject({ acknowledged: true, answer: { status: 200, body: { type: 1 } } });
    expect(outcome.answer.contentType).toMatch(/^application\/json/u);
  });

  it("GIVEN /video over HTTP THEN its job message (message id kept), the finished video posted once, charged once", async () => {
    bot.deferAfterMs = 1_000;
    const payload = video("a fox over http");
    const outcome = await discord.sendInteraction(payload);
    // A public reply goes to the callback endpoint (its message id comes back); then 202, no body.
    expect(outcome).toMatchObject({ acknowledged: true, answer: { status: 202, body: undefined } });
    const answer = await discord.waitFor(callbackOf(payload.id));
    expect(answer).toMatchObject({ status: 200, body: { type: 4 } });
    expect(JSON.stringify(answer.body)).toMatch(/Queued/u);
    const jobId = engine.lastJob();
    const job = await engine.finished(jobId);
    expect(job.state).toBe("delivered");
    expect(job.messageId).toBe(discord.interaction(payload.id)?.original?.message.id);
    const uploads = discord.calls.filter(videoPosted);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]?.files[0]?.name).toBe("framecast.mp4");
    expect(discord.interaction(payload.id)?.original?.message.embeds[0]?.title).toBe("Your video is ready");
    expect(await chargesOf(database().db, job.id)).toBe(1);
    await expectLedgerMatchesCounters(database().db);
    expect(errors).toEqual([]);
  }, 60_000);

  it("GIVEN /video over HTTP on a busy bot THEN deferred (“thinking…”) within the deadline and the job message edited in", async () => {
    bot.deferAfterMs = 0;
    const payload = video("a deferred fox");
    const outcome = await discord.sendInteraction(payload);
    expect(outcome).toMatchObject({ acknowledged: true, answer: { status: 202 } });
    expect((await discord.waitFor(callbackOf(payload.id))).body).toMatchObject({ type: 5 });
    const edit = await discord.waitFor(
      (c) => c.method === "PATCH" && c.params.webhook_token === payload.token && c.status === 200,
    );
    expect(JSON.stringify(edit.body)).toMatch(/Queued/u);
    expect((await engine.finished(engine.lastJob())).state).toBe("delivered");
    bot.deferAfterMs = 1_000;
  }, 60_000);

  it("GIVEN an invalid /video over HTTP THEN an ephemeral error; no job, nothing reserved", async () => {
    const before = { jobs: await jobs(), ledger: await ledgerRows() };
    const payload = discord.build.slashCommand({
      name: "video",
      options: [text("prompt", "a fox"), text("model", "v5.6"), integer("duration", 99)],
    });
    const outcome = await discord.sendInteraction(payload);
    expect(outcome.acknowledged).toBe(true);
    const answer = await discord.waitFor(callbackOf(payload.id));
    expect(answer.body).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(JSON.stringify(answer.body)).toMatch(/duration/iu);
    expect({ jobs: await jobs(), ledger: await ledgerRows() }).toEqual(before);
  }, 30_000);

  it("GIVEN New seed pressed over HTTP on a finished video THEN a new job from the same request, delivered", async () => {
    const firstId = engine.lastJob();
    const first = await engine.store.get(firstId);
    const message = first?.messageId === undefined ? undefined : discord.message(first.messageId)?.message;
    if (first === undefined || message === undefined) throw new Error("no finished job message on the fake");
    const click = discord.build.button({ customId: `fc:new_seed:${firstId}`, message });
    const outcome = await discord.sendInteraction(click);
    expect(outcome).toMatchObject({ acknowledged: true, answer: { status: 202 } });
    expect((await discord.waitFor(callbackOf(click.id))).body).toMatchObject({ type: 4 });
    const secondId = engine.lastJob();
    expect(secondId).not.toBe(firstId);
    const second = await engine.finished(secondId);
    expect(second).toMatchObject({ state: "delivered", request: { prompt: first.request.prompt } });
  }, 60_000);

  it("GIVEN Animate with framecast over HTTP THEN the form is the HTTP answer; submitted → image-to-video from the picture", async () => {
    const picture = discord.build.attachment({ filename: "waves.png", bytes: PNG });
    const target = discord.build.userMessage({ content: "look", attachments: [picture] });
    const menu = discord.build.messageCommand({ name: "Animate with framecast", target });
    const opened = await discord.sendInteraction(menu);
    // The modal is the answer itself: 200 with the interaction response.
    expect(opened).toMatchObject({ acknowledged: true, answer: { status: 200, body: { type: 9 } } });
    expect(await discord.waitFor(callbackOf(menu.id))).toMatchObject({ via: "http-response", status: 204 });

    const submit = discord.build.modalSubmit({
      customId: `fc:animate:${target.id}`,
      fields: { prompt: "the waves crash", duration: "5", ratio: "" },
    });
    const submitted = await discord.sendInteraction(submit);
    expect(submitted).toMatchObject({ acknowledged: true, answer: { status: 202 } });
    const job = await engine.finished(engine.lastJob());
    expect(job).toMatchObject({
      state: "delivered",
      request: { mode: "image-to-video", prompt: "the waves crash", duration: 5 },
    });
    expect(await chargesOf(database().db, job.id)).toBe(1);
  }, 60_000);

  it("GIVEN duration being typed over HTTP THEN the choices are the HTTP answer (type 8)", async () => {
    const options: APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommandAutocomplete>[] =
      [
        { name: "prompt", type: ApplicationCommandOptionType.String, value: "a fox" },
        { name: "model", type: ApplicationCommandOptionType.String, value: "v6" },
        { name: "duration", type: ApplicationCommandOptionType.Integer, value: "1", focused: true },
      ];
    const typing = discord.build.autocomplete({ name: "video", options });
    const outcome = await discord.sendInteraction(typing);
    expect(outcome).toMatchObject({ acknowledged: true, answer: { status: 200, body: { type: 8 } } });
    const choices = (outcome.answer.body as { data: { choices: { value: number }[] } }).data.choices;
    expect(choices.map((c) => c.value)).toEqual([1, 10, 11, 12, 13, 14, 15]);
  });
});

describe("Discord over HTTP: requests Discord didn't sign are refused with 401", () => {
  const refusals: [string, SendOptions][] = [
    ["a forged signature (another key)", { forged: true }],
    ["a timestamp 6 minutes old", { timestampMs: clock - 6 * 60_000 }],
    ["a timestamp 6 minutes ahead", { timestampMs: clock + 6 * 60_000 }],
    ["a body changed after signing", { tamper: (body) => body.replace("a quiet fox", "a loud fox") }],
    ["no signature header", { omit: ["x-signature-ed25519"] }],
    ["no timestamp header", { omit: ["x-signature-timestamp"] }],
    ["neither header", { omit: ["x-signature-ed25519", "x-signature-timestamp"] }],
  ];
  it.each(refusals)("GIVEN %s THEN 401, no answer, no job, nothing reserved", async (_name, options) => {
    const before = { jobs: await jobs(), ledger: await ledgerRows(), calls: discord.calls.length };
    const payload = video("a quiet fox");
    const outcome = await discord.sendInteraction(payload, options);
    expect(outcome.answer.status).toBe(401);
    expect(outcome.acknowledged).toBe(false);
    expect(JSON.stringify(outcome.answer.body)).toMatch(/invalid request signature/u);
    expect({ jobs: await jobs(), ledger: await ledgerRows() }).toEqual({
      jobs: before.jobs,
      ledger: before.ledger,
    });
    expect(discord.calls.slice(before.calls).filter(callbackOf(payload.id))).toEqual([]);
  });

  it("GIVEN a signed request that isn't an interaction THEN 400 naming the field, nothing charged", async () => {
    const before = { jobs: await jobs(), ledger: await ledgerRows() };
    const payload = { ...video("a fox"), version: 2 };
    const outcome = await discord.sendInteraction(payload as never);
    expect(outcome.answer).toMatchObject({ status: 400, body: { error: expect.stringMatching(/version/u) } });
    expect({ jobs: await jobs(), ledger: await ledgerRows() }).toEqual(before);
  });
});
