import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type APIMessage, type APIUser, ApplicationCommandOptionType } from "discord-api-types/v10";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resumeOpenJobs } from "../../src/app/jobs/engine.ts";
import { DiscordBot } from "../../src/chat/discord/discord-bot.ts";
import type { DiscordChat } from "../../src/chat/discord/discord-chat.ts";
import { SqlChainStore } from "../../src/db/chain-store.ts";
import { rowsOf } from "../../src/db/sql.ts";
import { probe } from "../../src/media/ffmpeg.ts";
import { PixverseProvider } from "../../src/providers/pixverse/client.ts";
import { BossJobQueue } from "../../src/queue/jobs-queue.ts";
import { FakeDiscord, type RecordedCall } from "../fakes/discord/index.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { useTestDatabase } from "../support/database.ts";
import { startTestEngineWith, type TestEngine } from "../support/engine.ts";
import { expectLedgerMatchesCounters } from "../support/money.ts";
import { testHttpPolicy } from "../support/video-request.ts";

// Extend and Continue on Discord end to end, on PixVerse's fake: Extend continues the video with
// PixVerse's own extend (by video_id, no frame); Continue grows it segment by segment, survives a
// restart in the middle, joins the segments (sound kept) and posts one file; a failed segment is
// refunded and stops the chain.

const database = useTestDatabase();
const pixverse = new FakePixverse();
const fake = new FakeDiscord();
const previewDir = mkdtempSync(join(tmpdir(), "framecast-discord-continue-"));
const bossSchema = `boss_continue_${randomBytes(4).toString("hex")}`;
const errors: unknown[] = [];
const eve: APIUser = {
  id: "323456789012345678",
  username: "eve",
  discriminator: "0",
  global_name: "Eve",
  avatar: null,
};
let running: { bot: DiscordBot; engine: TestEngine<DiscordChat> } | undefined;

async function startBot(): Promise<NonNullable<typeof running>> {
  const bot = new DiscordBot({
    token: fake.token,
    apiUrl: `${fake.restUrl}/api`,
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
  // As `npm start` does: jobs and chains left mid-way carry on.
  await resumeOpenJobs({ jobs: engine.store, queue: new BossJobQueue(engine.boss) });
  await engine.engine.chains?.resume();
  running = { bot, engine };
  return running;
}

async function stopBot(): Promise<void> {
  if (running === undefined) return;
  await running.bot.stop();
  await running.engine.boss.stop({ graceful: true });
  running = undefined;
}

const current = () => {
  if (running === undefined) throw new Error("the bot isn't running");
  return running;
};

beforeAll(async () => {
  await fake.start();
  await pixverse.start();
  await startBot();
}, 60_000);

afterAll(async () => {
  await stopBot();
  await database().db.execute(sql.raw(`DROP SCHEMA IF EXISTS "${bossSchema}" CASCADE`));
  await fake.stop();
  await pixverse.stop();
});

const isUpload = (c: RecordedCall): boolean =>
  c.method === "POST" && c.route === "/channels/{channel_id}/messages" && c.files.length > 0;
const titleOf = (c: RecordedCall): string =>
  (c.body as { embeds?: { title?: string }[] } | undefined)?.embeds?.[0]?.title ?? "";
const ledger = async (jobId: string) =>
  rowsOf<{ kind: string }>(
    await database().db.execute(sql`SELECT kind FROM ledger WHERE job_id = ${jobId} ORDER BY id`),
  ).map((r) => r.kind);

/** Resolves once PixVerse has been asked to extend a video (after request number `since`). */
function extendSubmitted(since: number): Promise<void> {
  const isExtend = (path: string): boolean => path === "/openapi/v2/video/extend/generate";
  if (pixverse.requests.slice(since).some((r) => isExtend(r.path))) return Promise.resolve();
  return new Promise((resolve) => {
    const on = (path: string): void => {
      if (!isExtend(path)) return;
      pixverse.off("request", on);
      resolve();
    };
    pixverse.on("request", on);
  });
}

/** A delivered 1 s v6 video and its message. */
async function deliveredVideo(
  prompt: string,
  user?: APIUser,
): Promise<{ jobId: string; message: APIMessage }> {
  pixverse.nextScript = [1];
  const payload = fake.injectInteraction(
    fake.build.slashCommand({
      name: "video",
      ...(user === undefined ? {} : { user }),
      options: [
        { name: "prompt", type: ApplicationCommandOptionType.String, value: prompt },
        { name: "model", type: ApplicationCommandOptionType.String, value: "v6" },
        { name: "duration", type: ApplicationCommandOptionType.Integer, value: 1 },
        { name: "quality", type: ApplicationCommandOptionType.String, value: "360p" },
      ],
    }),
  );
  // The job's message: the interaction's answer, made once the job is accepted.
  await fake.waitFor(
    (c) => c.params.interaction_id === payload.id || c.params.webhook_token === payload.token,
  );
  const job = await current().engine.finished(current().engine.lastJob());
  expect(job.state).toBe("delivered");
  const message = job.messageId === undefined ? undefined : fake.message(job.messageId)?.message;
  if (message === undefined) throw new Error("no message for the job");
  return { jobId: job.id, message };
}

function typedContinue(jobId: string, seconds: number) {
  return fake.injectInteraction(
    fake.build.slashCommand({
      name: "framecast",
      options: [
        {
          name: "continue",
          type: ApplicationCommandOptionType.Subcommand,
          options: [
            { name: "job", type: ApplicationCommandOptionType.String, value: jobId.slice(0, 8) },
            { name: "seconds", type: ApplicationCommandOptionType.Integer, value: seconds },
          ],
        },
      ],
    }),
  );
}

describe("Discord: Extend with PixVerse's own extend", () => {
  it("GIVEN Extend on a delivered PixVerse v6 video THEN /video/extend/generate with its video_id, no frame shown, delivered and charged", async () => {
    const { jobId, message } = await deliveredVideo("a paper boat");
    const original = await current().engine.store.get(jobId);
    const since = pixverse.requests.length;
    const click = fake.injectInteraction(fake.build.button({ customId: `fc:extend:${jobId}`, message }));
    await fake.waitFor((c) => c.method === "PATCH" && c.params.webhook_token === click.token);
    const next = await current().engine.finished(current().engine.lastJob());
    expect(next).toMatchObject({ state: "delivered", request: { mode: "extend", prompt: "a paper boat" } });
    const sent = pixverse.requests.slice(since).filter((r) => r.path.endsWith("/generate"));
    expect(sent.map((r) => r.path)).toEqual(["/openapi/v2/video/extend/generate"]);
    expect(sent[0]?.body).toContain(`"source_video_id":${original?.provider?.id}`);
    // No last frame was shown privately: nothing but the new video's messages carried files.
    expect(fake.calls.filter((c) => c.params.webhook_token === click.token && c.files.length > 0)).toEqual(
      [],
    );
    expect(await ledger(next.id)).toEqual(["reserve", "charge"]);
  }, 60_000);
});

describe("Discord: Continue", () => {
  it("GIVEN /framecast continue 2 s and a restart while segment 1 renders THEN the next bot makes segment 2, joins all three with sound, each charged once", async () => {
    const { jobId } = await deliveredVideo("a hot-air balloon");
    pixverse.nextScript = [5]; // segments generate until the test finishes them
    const since = pixverse.requests.length;
    typedContinue(jobId, 2);
    await extendSubmitted(since);
    const chainId = await current().engine.lastChain();
    await stopBot();
    expect((await new SqlChainStore(database().db).get(chainId))?.state).toBe("running");

    await startBot();
    const before = pixverse.requests.length;
    pixverse.finish();
    await extendSubmitted(before); // segment 2, made by the new bot
    pixverse.finish();
    const chain = await current().engine.chainEnded(chainId);
    expect(chain.state).toBe("done");
    const joined = await fake.waitFor((c) => isUpload(c) && titleOf(c) === "Your continued video is ready");
    const file = join(previewDir, "joined.mp4");
    writeFileSync(file, joined.files[0]?.bytes ?? Buffer.alloc(0));
    const info = await probe(file);
    expect(info.durationSeconds).toBeGreaterThan(2.8);
    expect(info.durationSeconds).toBeLessThan(3.3);
    expect(info.hasAudio).toBe(true);
    const segments = rowsOf<{ id: string }>(
      await database().db.execute(sql`SELECT id FROM jobs WHERE chain_id = ${chainId} ORDER BY chain_index`),
    );
    expect(segments).toHaveLength(2);
    for (const s of segments) expect(await ledger(s.id)).toEqual(["reserve", "charge"]);
    expect(
      fake.calls.filter((c) => isUpload(c) && titleOf(c) === "Your continued video is ready"),
    ).toHaveLength(1);
    await expectLedgerMatchesCounters(database().db);
  }, 90_000);

  it("GIVEN a segment PixVerse fails THEN it is refunded and the chain stops, saying why", async () => {
    // Another person: the first one has used the day's five videos.
    const { jobId, message } = await deliveredVideo("a lantern", eve);
    pixverse.nextScript = [8];
    const click = fake.injectInteraction(
      fake.build.button({ customId: `fc:continue:${jobId}`, message, user: eve }),
    );
    // The plan, privately (the click's own answer), then the segment's public message.
    await fake.waitFor(
      (c) =>
        (c.params.interaction_id === click.id || c.params.webhook_token === click.token) &&
        JSON.stringify(c.body).includes("Continuing your video"),
    );
    const chain = await current().engine.chainEnded(await current().engine.lastChain());
    expect(chain.state).toBe("stopped");
    expect(chain.stopReason).toContain("refunded");
    const [segment] = rowsOf<{ id: string; state: string }>(
      await database().db.execute(sql`SELECT id, state FROM jobs WHERE chain_id = ${chain.id}`),
    );
    expect(segment?.state).toBe("failed");
    expect(await ledger(segment?.id ?? "")).toEqual(["reserve", "refund"]);
    await expectLedgerMatchesCounters(database().db);
    expect(errors).toEqual([]);
  }, 60_000);
});
