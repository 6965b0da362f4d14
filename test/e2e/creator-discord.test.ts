import {
  type APIApplicationCommandInteractionDataOption,
  ApplicationCommandOptionType,
  type InteractionType,
  MessageFlags,
} from "discord-api-types/v10";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VideoProvider } from "../../src/app/generation/ports.ts";
import { RecordingChat } from "../../src/app/recording-chat.ts";
import { DiscordBot } from "../../src/chat/discord/discord-bot.ts";
import type { DiscordChat } from "../../src/chat/discord/discord-chat.ts";
import { FalProvider } from "../../src/providers/fal/client.ts";
import { PixverseProvider } from "../../src/providers/pixverse/client.ts";
import { FakeDiscord, type RecordedCall } from "../fakes/discord/index.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { useTestDatabase } from "../support/database.ts";
import { startTestEngineWith, type TestEngine } from "../support/engine.ts";
import { handler } from "../support/handler.ts";
import { chargesOf, count, expectLedgerMatchesCounters } from "../support/money.ts";
import { instantPreview } from "../support/preview.ts";
import { testHttpPolicy } from "../support/video-request.ts";

// Multi-shot and personal preferences through Discord end to end: a real discord.js client on the
// loopback fake, the real engine on a test database. Which providers the workspace has is set per
// test (the router reads the engine's provider list as it is).

type Option = APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand>;

const database = useTestDatabase();
const { previewDir, preview } = instantPreview("creator-discord");
const fake = new FakeDiscord();
const pixverse = new FakePixverse();
// fal refuses multi-shot in supports(), before any call: it needs no server here.
const fal = new FalProvider({
  apiKey: "k",
  baseUrl: "https://127.0.0.1:9",
  jwks: { keys: async () => [] },
  http: testHttpPolicy().policy,
});
const providers: VideoProvider[] = [fal];
const use = (...these: VideoProvider[]): void => void providers.splice(0, providers.length, ...these);
let pixverseClient: PixverseProvider;
const errors: unknown[] = [];
let bot: DiscordBot;
let engine: TestEngine<DiscordChat>;

beforeAll(async () => {
  await fake.start();
  await pixverse.start();
  pixverseClient = new PixverseProvider({
    apiKey: pixverse.apiKey,
    baseUrl: pixverse.baseUrl,
    http: testHttpPolicy().policy,
  });
  bot = new DiscordBot({ token: fake.token, apiUrl: `${fake.restUrl}/api`, logError: (e) => errors.push(e) });
  bot.deferAfterMs = 1_000;
  engine = await startTestEngineWith(database(), providers, {
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

const opt = (name: string, value: string | number | boolean): Option =>
  ({
    name,
    value,
    type:
      typeof value === "boolean"
        ? ApplicationCommandOptionType.Boolean
        : typeof value === "number"
          ? ApplicationCommandOptionType.Integer
          : ApplicationCommandOptionType.String,
  }) as Option;
const callbackOf = (id: string) => (c: RecordedCall) => c.method === "POST" && c.params.interaction_id === id;
const jobs = () => count(database().db, sql`SELECT count(*)::int AS n FROM jobs`);
// Reservations: a refused request makes none (another job's late charge doesn't count here).
const reservations = () =>
  count(database().db, sql`SELECT count(*)::int AS n FROM ledger WHERE kind = 'reserve'`);

async function video(...options: Option[]): Promise<{ callback: RecordedCall; token: string }> {
  const payload = fake.injectInteraction(fake.build.slashCommand({ name: "video", options }));
  return { callback: await fake.waitFor(callbackOf(payload.id)), token: payload.token };
}

/** `/framecast <sub>` with options; resolves with the private answer's text. */
async function framecast(sub: string, ...options: Option[]): Promise<string> {
  const payload = fake.injectInteraction(
    fake.build.slashCommand({
      name: "framecast",
      options: [{ name: sub, type: ApplicationCommandOptionType.Subcommand, options } as Option],
    }),
  );
  const callback = await fake.waitFor(callbackOf(payload.id));
  expect(callback.body).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
  return JSON.stringify(callback.body);
}

async function admin(text: string): Promise<void> {
  const guild = fake.world.guilds[0];
  if (guild === undefined) throw new Error("the fake has no guild");
  const chat = new RecordingChat();
  await handler(
    engine.deps,
    chat,
  )({
    conversation: {
      platform: "discord",
      workspaceId: guild.id,
      channelId: "c",
      userId: "u1",
      userName: "op",
    },
    roles: [],
    input: { kind: "text", text: `/framecast admin ${text}` },
  });
  expect(chat.records.at(-1)?.view.tone).toBe("success");
}

describe("Discord: multi-shot", () => {
  it("GIVEN /video shots:true on v6 with PixVerse THEN generate_multi_clip_switch reaches PixVerse, the video is posted and charged what one shot costs", async () => {
    use(pixverseClient, preview);
    pixverse.nextScript = [1];
    const { callback } = await video(
      opt("prompt", "a heist in three cuts"),
      opt("model", "v6"),
      opt("shots", true),
      opt("duration", 4),
    );
    expect(JSON.stringify(callback.body)).toContain("multi-shot");
    const job = await engine.finished(engine.lastJob());
    expect(job.state).toBe("delivered");
    expect(job.provider?.provider).toBe("pixverse");
    expect(pixverse.job(job.provider?.id ?? "")).toMatchObject({
      model: "v6",
      generate_multi_clip_switch: true,
    });
    expect(job.cost.credits).toBe(28); // 4 s × 7¢: the default table, as without shots
    expect(await chargesOf(database().db, job.id)).toBe(1);
    await expectLedgerMatchesCounters(database().db);
  }, 60_000);

  it("GIVEN a workspace on fal THEN shots:true is refused privately before anything is reserved, naming where it works", async () => {
    use(fal);
    const [before, ledger] = [await jobs(), await reservations()];
    const { callback } = await video(opt("prompt", "a heist"), opt("model", "v6"), opt("shots", true));
    expect(callback.body).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(JSON.stringify(callback.body)).toContain(
      "multi-shot needs v6 on PixVerse or Runware; this workspace uses fal",
    );
    expect(JSON.stringify(callback.body)).toContain("Nothing was charged");
    expect([await jobs(), await reservations()]).toEqual([before, ledger]);
  }, 30_000);

  it("GIVEN shots:true on v5.6 THEN a private error naming model:v6, nothing made", async () => {
    use(preview);
    const before = await jobs();
    const { callback } = await video(opt("prompt", "a heist"), opt("shots", true));
    expect(JSON.stringify(callback.body)).toContain("v5.6 has no multi-shot");
    expect(await jobs()).toBe(before);
  }, 30_000);
});

describe("Discord: /framecast prefer", () => {
  it("GIVEN preferences set with the subcommand THEN shown, applied to a bare /video, and the typed option wins", async () => {
    use(preview);
    const saved = await framecast(
      "prefer",
      opt("model", "v6"),
      opt("quality", "360p"),
      opt("audio", false),
      opt("suffix", 'golden hour, "anamorphic"'),
    );
    expect(saved).toContain("Preferences saved");
    expect(await framecast("prefer")).toContain('golden hour, \\"anamorphic\\"');
    await video(opt("prompt", "a fox"), opt("duration", 2));
    const mine = await engine.finished(engine.lastJob());
    expect(mine.request).toMatchObject({
      model: "v6",
      quality: "360p",
      audio: false,
      prompt: 'a fox, golden hour, "anamorphic"',
    });
    await video(opt("prompt", "a fox"), opt("model", "v5.6"), opt("quality", "540p"), opt("audio", true));
    const typed = await engine.finished(engine.lastJob());
    expect(typed.request).toMatchObject({ model: "v5.6", quality: "540p", audio: true });
  }, 60_000);

  it("GIVEN an admin's limits THEN the workspace wins: the preference is set aside and said, and usage shows why", async () => {
    use(preview);
    await admin("limits models:v5.6 quality:540p");
    const since = fake.calls.length;
    await video(opt("prompt", "a fox"), opt("duration", 5));
    const job = await engine.finished(engine.lastJob());
    expect(job.request).toMatchObject({ model: "v5.6", quality: "360p" });
    const note = await fake.waitFor(
      (c) =>
        fake.calls.indexOf(c) >= since &&
        c.route === "/webhooks/{webhook_id}/{webhook_token}" &&
        c.method === "POST",
    );
    expect(note.body).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(JSON.stringify(note.body)).toContain("Your preferred model v6 isn't allowed in this workspace");
    const usage = await framecast("usage");
    expect(usage).toContain("Your preferences");
    expect(usage).toContain("isn't allowed in this workspace");
    const [before, ledger] = [await jobs(), await reservations()];
    const { callback } = await video(opt("prompt", "a fox"), opt("quality", "1080p"));
    expect(JSON.stringify(callback.body)).toContain("This workspace allows up to 540p");
    expect([await jobs(), await reservations()]).toEqual([before, ledger]);
    await admin("limits models:all quality:none");
  }, 60_000);

  it("GIVEN prefer clear THEN nothing is kept, and a ratio the preferred model lacks is refused", async () => {
    expect(await framecast("prefer", opt("clear", "all"))).toContain("You have no preferences");
    const refused = await framecast("prefer", opt("model", "v5.6"), opt("ratio", "21:9"));
    expect(refused).toContain("doesn't make 21:9");
    expect(await framecast("prefer")).toContain("You have no preferences");
    expect(errors).toEqual([]);
  }, 30_000);
});
