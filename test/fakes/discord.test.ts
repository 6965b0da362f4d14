import { once } from "node:events";
import {
  AttachmentBuilder,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  type TextChannel,
} from "discord.js";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonStyle,
  ComponentType,
  InteractionResponseType,
  MessageFlags,
} from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord, RESPONSE_DEADLINE_MS, TOKEN_TTL_MS } from "./discord/index.ts";

// Drives the fake with a real discord.js Client: what discord.js sends is what the fake checks.

let clock = Date.now();
const fake = new FakeDiscord({ now: () => clock });
let client: Client;
let channel: TextChannel;

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

function nextInteraction(): Promise<Interaction> {
  return new Promise((resolve) => client.once(Events.InteractionCreate, resolve));
}

function nextMessage(): Promise<Message> {
  return new Promise((resolve) => client.once(Events.MessageCreate, resolve));
}

async function slash(name = "video"): Promise<Interaction> {
  const arrived = nextInteraction();
  fake.injectInteraction(fake.build.slashCommand({ name }));
  return arrived;
}

async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DiscordAPIError))
    throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  await fake.start();
  client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    rest: { api: `${fake.restUrl}/api` }, // @discordjs/rest adds /v10
  });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
  const id = fake.world.guilds[0]?.channels[0]?.id ?? "";
  channel = client.channels.cache.get(id) as TextChannel;
});

afterAll(async () => {
  await client.destroy();
  await fake.stop();
});

describe("fake Discord with a real discord.js client", () => {
  it("GIVEN login THEN the client is ready with the fake's bot, guild and channel", () => {
    expect(client.user?.id).toBe(fake.world.bot.id);
    expect(client.application?.id).toBe(fake.world.application.id);
    expect(client.guilds.cache.get(fake.world.guilds[0]?.id ?? "")?.name).toBe("Test Guild 1");
    expect(channel.isSendable()).toBe(true);
    expect(fake.world.bot.id).toMatch(/^\d{17,19}$/u);
  });

  it("GIVEN /video with an image THEN deferReply then editReply with an embed and a file are recorded", async () => {
    const image = fake.build.attachment({
      filename: "cat.png",
      bytes: PNG,
      ephemeral: true,
      width: 1,
      height: 1,
    });
    const payload = fake.build.slashCommand({
      name: "video",
      options: [
        { name: "prompt", type: ApplicationCommandOptionType.String, value: "a cat surfing" },
        { name: "image", type: ApplicationCommandOptionType.Attachment, value: image.id },
      ],
      attachments: [image],
    });
    const arrived = nextInteraction();
    fake.injectInteraction(payload);
    const interaction = await arrived;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    expect(interaction.options.getString("prompt")).toBe("a cat surfing");
    const url = interaction.options.getAttachment("image", true).url;
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(PNG);

    await interaction.deferReply();
    const video = Buffer.from("not really an mp4");
    const message = await interaction.editReply({
      embeds: [{ title: "Done", description: "a cat surfing" }],
      files: [new AttachmentBuilder(video, { name: "video.mp4" })],
    });

    const callback = await fake.waitFor((c) => c.route?.endsWith("/callback") === true);
    expect(callback).toMatchObject({
      status: 204,
      body: { type: InteractionResponseType.DeferredChannelMessageWithSource },
    });
    const edit = await fake.waitFor((c) => c.method === "PATCH" && c.path.endsWith("/messages/@original"));
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ embeds: [{ title: "Done" }] });
    expect(edit.files).toHaveLength(1);
    expect(edit.files[0]).toMatchObject({ field: "files[0]", name: "video.mp4", size: video.length });
    expect(edit.files[0]?.bytes).toEqual(video);
    expect(message.attachments.first()?.name).toBe("video.mp4");
    expect(fake.interaction(payload.id)?.original?.message).toMatchObject({
      embeds: [{ title: "Done" }],
      flags: 0,
    });
  });

  it("GIVEN the same interaction delivered twice THEN the second reply() gets Discord's 40060", async () => {
    const payload = fake.build.slashCommand({ name: "video" });
    let arrived = nextInteraction();
    fake.injectInteraction(payload);
    const first = await arrived;
    arrived = nextInteraction();
    fake.injectInteraction(payload);
    const second = await arrived;
    if (!first.isRepliable() || !second.isRepliable()) throw new Error("expected repliable interactions");
    await first.reply("one");
    const error = await apiError(second.reply("two"));
    expect([error.status, error.code]).toEqual([400, 40060]);
    // On one object discord.js refuses by itself, before asking Discord.
    await expect(first.reply("again")).rejects.toThrow(/already been sent or deferred/u);
  });

  it("GIVEN the fake clock passes 3 s THEN the callback gets 10062 Unknown interaction", async () => {
    const interaction = await slash();
    if (!interaction.isRepliable()) throw new Error("expected a repliable interaction");
    clock += RESPONSE_DEADLINE_MS + 1;
    const error = await apiError(interaction.deferReply());
    expect([error.status, error.code]).toEqual([404, 10062]);
  });

  it("GIVEN 15 minutes pass after a defer THEN editReply gets 50027 Invalid Webhook Token", async () => {
    const interaction = await slash();
    if (!interaction.isRepliable()) throw new Error("expected a repliable interaction");
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply("still working");
    clock += TOKEN_TTL_MS + 1;
    const error = await apiError(interaction.editReply("too late"));
    expect([error.status, error.code]).toEqual([401, 50027]);
  });

  it("GIVEN a 257-character embed title THEN 50035 names the field", async () => {
    const interaction = await slash();
    if (!interaction.isRepliable()) throw new Error("expected a repliable interaction");
    const error = await apiError(interaction.reply({ embeds: [{ title: "x".repeat(257) }] }));
    expect([error.status, error.code]).toEqual([400, 50035]);
    expect(error.message).toContain(
      "data.embeds[0].title[BASE_TYPE_MAX_LENGTH]: Must be 256 or fewer in length.",
    );
    // The rejected callback did not acknowledge: a valid one still works.
    await interaction.reply("fine");
  });

  it("GIVEN a file over attachment_size_limit THEN 413 / 40005", async () => {
    const interaction = await slash();
    if (!interaction.isRepliable()) throw new Error("expected a repliable interaction");
    await interaction.deferReply();
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    const error = await apiError(
      interaction.editReply({ files: [new AttachmentBuilder(big, { name: "big.mp4" })] }),
    );
    expect([error.status, error.code]).toEqual([413, 40005]);
  });

  it("GIVEN a rate-limited route THEN discord.js waits out the 429 and succeeds", async () => {
    const pattern = "POST /channels/{channel_id}/messages";
    fake.rateLimit(pattern, { limit: 1, windowMs: 400 }); // wide enough that the 429 is certain
    const route = `/channels/${channel.id}/messages`;
    // Another process spends the bucket, so discord.js learns of the limit from a 429.
    const spent = await fetch(`${fake.restUrl}/api/v10${route}`, {
      method: "POST",
      headers: { authorization: `Bot ${fake.token}`, "content-type": "application/json" },
      body: JSON.stringify({ content: "elsewhere" }),
    });
    expect(spent.headers.get("x-ratelimit-remaining")).toBe("0");
    const sent = await channel.send("after the limit");
    expect(sent.content).toBe("after the limit");
    const statuses = fake.calls.filter((c) => c.path === route).map((c) => c.status);
    expect(statuses).toEqual([200, 429, 200]);
    const limited = fake.calls.find((c) => c.status === 429);
    expect(limited?.response).toMatchObject({ message: "You are being rate limited.", global: false });
    fake.rateLimit(pattern, { limit: 50, windowMs: 1000 });
  });

  it("GIVEN the same nonce with enforce_nonce THEN one message", async () => {
    const a = await channel.send({ content: "once", nonce: "nonce-1", enforceNonce: true });
    const b = await channel.send({ content: "once", nonce: "nonce-1", enforceNonce: true });
    expect(b.id).toBe(a.id);
    expect(fake.messagesIn(channel.id).filter((m) => m.message.content === "once")).toHaveLength(1);
  });

  it("GIVEN commands THEN a bulk overwrite registers them with ids; a bad name is 50035", async () => {
    const commands = await client.application?.commands.set([
      {
        name: "video",
        description: "Make a video",
        options: [
          {
            name: "prompt",
            description: "What to film",
            type: ApplicationCommandOptionType.String,
            required: true,
          },
        ],
      },
      { name: "Animate this", type: ApplicationCommandType.Message },
    ]);
    expect(commands?.size).toBe(2);
    expect(fake.commands().map((c) => c.name)).toEqual(["video", "Animate this"]);
    expect(fake.commands()[0]?.id).toMatch(/^\d{17,19}$/u);
    const guildId = fake.world.guilds[0]?.id ?? "";
    await client.application?.commands.set([{ name: "ping", description: "Pong" }], guildId);
    expect(fake.commands(guildId).map((c) => c.guild_id)).toEqual([guildId]);
    const fetched = await client.application?.commands.fetch();
    expect(fetched?.map((c) => c.name).sort()).toEqual(["Animate this", "video"]);

    const error = await apiError(
      client.application?.commands.set([
        {
          name: "Bad Name",
          description: "x",
          options: [
            { name: "a", description: "a", type: ApplicationCommandOptionType.String },
            { name: "b", description: "b", type: ApplicationCommandOptionType.String, required: true },
          ],
        },
      ]) ?? Promise.resolve(),
    );
    expect(error.code).toBe(50035);
    expect(error.message).toContain("0.name[APPLICATION_COMMAND_INVALID_NAME]");
    expect(error.message).toContain("0.options[1][APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID]");
  });

  it("GIVEN a reply mentioning the bot to a message with an image THEN messageCreate carries both", async () => {
    const image = fake.build.attachment({ filename: "cat.png", bytes: PNG });
    const original = fake.build.userMessage({ content: "look", attachments: [image] });
    const reply = fake.build.userMessage({ content: "animate", mentionBot: true, replyTo: original });
    const arrived = nextMessage();
    expect(fake.injectMessage(reply)).toBe(1);
    const message = await arrived;
    expect(message.mentions.has(fake.world.bot.id)).toBe(true);
    expect(message.reference?.messageId).toBe(original.id);
    const referenced = await message.fetchReference();
    expect(referenced.attachments.first()?.url).toBe(image.url);
  });

  it("GIVEN message-command, modal and button payloads THEN discord.js parses each", async () => {
    const target = fake.build.userMessage({
      attachments: [fake.build.attachment({ filename: "a.png", bytes: PNG })],
    });
    let arrived = nextInteraction();
    fake.injectInteraction(fake.build.messageCommand({ name: "Animate this", target }));
    const command = await arrived;
    if (!command.isMessageContextMenuCommand()) throw new Error("expected a message command");
    expect(command.targetMessage.attachments.size).toBe(1);
    await command.showModal({
      custom_id: "animate",
      title: "Animate",
      components: [
        {
          type: ComponentType.ActionRow,
          components: [{ type: ComponentType.TextInput, custom_id: "prompt", label: "Prompt", style: 1 }],
        },
      ],
    });

    arrived = nextInteraction();
    fake.injectInteraction(
      fake.build.modalSubmit({ customId: "animate", fields: { prompt: "make it move" } }),
    );
    const modal = await arrived;
    if (!modal.isModalSubmit()) throw new Error("expected a modal submit");
    expect(modal.fields.getTextInputValue("prompt")).toBe("make it move");
    const response = await modal.reply({
      content: "Queued",
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: ButtonStyle.Secondary,
              custom_id: "cancel",
              label: "Cancel",
            },
          ],
        },
      ],
      withResponse: true,
    });
    const posted = response.resource?.message;
    if (posted == null) throw new Error("expected the reply message in the callback response");

    arrived = nextInteraction();
    fake.injectInteraction(
      fake.build.button({ customId: "cancel", message: fake.message(posted.id)?.message ?? target }),
    );
    const button = await arrived;
    if (!button.isButton()) throw new Error("expected a button");
    expect(button.customId).toBe("cancel");
    await button.update({ content: "Cancelled", components: [] });
    expect(fake.message(posted.id)?.message.content).toBe("Cancelled");
  });

  it("GIVEN a client without MESSAGE_CONTENT THEN only messages mentioning the bot keep their content", async () => {
    const reader = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
      rest: { api: `${fake.restUrl}/api` },
    });
    const ready = once(reader, Events.ClientReady);
    await reader.login(fake.token);
    await ready;
    try {
      const seen: Message[] = [];
      const two = new Promise<void>((resolve) =>
        reader.on(Events.MessageCreate, (m) => {
          if (seen.push(m) === 2) resolve();
        }),
      );
      const image = fake.build.attachment({ filename: "cat.png", bytes: PNG });
      fake.injectMessage(fake.build.userMessage({ content: "plain", attachments: [image] }));
      fake.injectMessage(fake.build.userMessage({ content: "hey", mentionBot: true, attachments: [image] }));
      await two;
      expect(seen.map((m) => [m.content, m.attachments.size])).toEqual([
        ["", 0],
        [`<@${fake.world.bot.id}> hey`, 1],
      ]);
    } finally {
      await reader.destroy();
    }
  });

  it("GIVEN an app without privileged intents THEN asking for MESSAGE_CONTENT fails login (4014)", async () => {
    const strict = await new FakeDiscord({ privilegedIntents: 0 }).start();
    const denied = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent],
      rest: { api: `${strict.restUrl}/api` },
    });
    try {
      await expect(denied.login(strict.token)).rejects.toThrow(/disallowed intents/iu);
    } finally {
      await denied.destroy();
      await strict.stop();
    }
  });

  it("GIVEN no bot token THEN REST answers 401", async () => {
    const response = await fetch(`${fake.restUrl}/api/v10/users/@me`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "401: Unauthorized", code: 0 });
  });

  it("GIVEN the gateway asks for a reconnect THEN the client resumes and gets later events", async () => {
    const resumed = once(fake, "resume");
    fake.requestReconnect();
    await resumed;
    const arrived = nextMessage();
    fake.injectMessage(fake.build.userMessage({ content: "after resume" }));
    expect((await arrived).content).toBe("after resume");
  });
});
