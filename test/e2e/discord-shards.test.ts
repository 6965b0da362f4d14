import { randomBytes } from "node:crypto";
import { ApplicationCommandOptionType, GatewayDispatchEvents } from "discord-api-types/v10";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscordBot } from "../../src/chat/discord/discord-bot.ts";
import type { DiscordChat } from "../../src/chat/discord/discord-chat.ts";
import { rowsOf } from "../../src/db/sql.ts";
import { FakeDiscord, type RecordedCall } from "../fakes/discord/index.ts";
import { useTestDatabase } from "../support/database.ts";
import { startTestEngineWith, type TestEngine } from "../support/engine.ts";
import { chargesOf, expectLedgerMatchesCounters } from "../support/money.ts";
import { instantPreview } from "../support/preview.ts";

// Scale-out on Discord: two framecast instances on one database and one job queue, each
// connecting its own gateway shard (DISCORD_SHARDS=0 / 1 of DISCORD_SHARD_COUNT=2). Discord sends
// each guild's events to one shard only, so every command is handled once, by one instance; the
// jobs' steps run on whichever instance's workers take them.

const database = useTestDatabase();
const { previewDir, preview } = instantPreview("discord-shards");

/** Two guild ids on shards 0 and 1 of 2: (id >> 22) % 2 (gateway.mdx "Sharding Formula"). */
const base = 1_300_000_000_000_000_000n & ~((1n << 23n) - 1n);
const GUILD_ON_0 = String(base);
const GUILD_ON_1 = String(base + (1n << 22n));
const fake = new FakeDiscord({ shardCount: 2, guilds: [{ id: GUILD_ON_0 }, { id: GUILD_ON_1 }] });
const bossSchema = `boss_shards_${randomBytes(4).toString("hex")}`;
const errors: unknown[] = [];
const instances: { bot: DiscordBot; engine: TestEngine<DiscordChat> }[] = [];

beforeAll(async () => {
  await fake.start();
  for (const shard of [0, 1]) {
    const bot = new DiscordBot({
      token: fake.token,
      apiUrl: `${fake.restUrl}/api`,
      shards: { ids: [shard], count: 2 },
      logError: (error) => errors.push(error),
    });
    const engine = await startTestEngineWith(database(), [preview], {
      previewDir,
      chat: bot.messages,
      bossSchema,
    });
    await bot.start(engine.deps);
    instances.push({ bot, engine });
  }
}, 60_000);

afterAll(async () => {
  for (const { bot, engine } of instances) {
    await bot.stop();
    await engine.stop().catch(() => {}); // stopped already by the test
  }
  await database().db.execute(sql.raw(`DROP SCHEMA IF EXISTS "${bossSchema}" CASCADE`));
  await fake.stop();
});

const videoPostedIn = (channelId: string) => (c: RecordedCall) =>
  c.method === "POST" &&
  c.route === "/channels/{channel_id}/messages" &&
  c.params.channel_id === channelId &&
  c.files.length > 0;

describe("Discord: two instances, one shard each, one database", () => {
  it("GIVEN a /video in a guild on each shard THEN each is delivered to one instance only, answered once, charged once", async () => {
    expect(fake.sessions.map((s) => s.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const commands = fake.world.guilds.map((guild) =>
      fake.injectInteraction(
        fake.build.slashCommand({
          name: "video",
          guildId: guild.id,
          options: [
            { name: "prompt", type: ApplicationCommandOptionType.String, value: `a fox in ${guild.name}` },
            { name: "model", type: ApplicationCommandOptionType.String, value: "v6" },
            { name: "duration", type: ApplicationCommandOptionType.Integer, value: 1 },
            { name: "quality", type: ApplicationCommandOptionType.String, value: "360p" },
          ],
        }),
      ),
    );
    for (const command of commands) await fake.waitFor(videoPostedIn(command.channel.id), 30_000);

    // Each interaction reached exactly the session of its guild's shard.
    const received = fake.sessions.map((session) =>
      session.sent
        .filter((p) => p.t === GatewayDispatchEvents.InteractionCreate)
        .map((p) => (p.d as { id: string }).id),
    );
    expect(received).toEqual([[commands[0]?.id], [commands[1]?.id]]);
    for (const command of commands) {
      const callbacks = fake.calls.filter((c) => c.params.interaction_id === command.id);
      expect(callbacks).toHaveLength(1);
      expect(callbacks[0]?.status).toBeLessThan(300);
    }
    const jobIds: string[] = [];
    for (const guild of fake.world.guilds) {
      const [job] = rowsOf<{ id: string }>(
        await database().db.execute(sql`SELECT id FROM jobs WHERE workspace_id = ${guild.id}`),
      );
      if (job === undefined) throw new Error(`no job in ${guild.name}`);
      // Whichever instance's worker took the job's last step reports it.
      const done = await Promise.race(instances.map(({ engine }) => engine.finished(job.id)));
      expect(done.state).toBe("delivered");
      jobIds.push(job.id);
    }
    // The charge is written just after the state turns delivered, by whichever instance ran the
    // step: let every running step finish (a graceful stop) before counting charges.
    for (const { engine } of instances) await engine.engine.stop({ graceful: true });
    for (const id of jobIds) expect(await chargesOf(database().db, id)).toBe(1);
    await expectLedgerMatchesCounters(database().db);
    expect(errors).toEqual([]);
  }, 60_000);
});
