import {
  type APIApplicationCommandInteractionDataOption,
  ApplicationCommandOptionType,
  type InteractionType,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { answersPublicly, toChatEvent } from "../../../src/chat/discord/to-event.ts";
import { FakeDiscord } from "../../fakes/discord/index.ts";

// Payloads are the fake's builders: the shapes Discord sends over the gateway.
const fake = new FakeDiscord();
type Option = APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand>;

describe("Discord interaction → ChatEvent", () => {
  it("GIVEN /video with typed options and two images THEN video-options with the CDN URLs", () => {
    const first = fake.build.attachment({ filename: "a.png", bytes: Buffer.from("a"), ephemeral: true });
    const last = fake.build.attachment({ filename: "b.png", bytes: Buffer.from("b"), ephemeral: true });
    const options: Option[] = [
      { name: "prompt", type: ApplicationCommandOptionType.String, value: "waves" },
      { name: "duration", type: ApplicationCommandOptionType.Integer, value: 8 },
      { name: "audio", type: ApplicationCommandOptionType.Boolean, value: false },
      { name: "negative", type: ApplicationCommandOptionType.String, value: "blur" },
      { name: "seed", type: ApplicationCommandOptionType.Integer, value: 42 },
      { name: "image", type: ApplicationCommandOptionType.Attachment, value: first.id },
      { name: "last_image", type: ApplicationCommandOptionType.Attachment, value: last.id },
    ];
    const payload = fake.build.slashCommand({ name: "video", options, attachments: [first, last] });
    const event = toChatEvent(payload);
    expect(event?.input).toEqual({
      kind: "video-options",
      options: {
        prompt: "waves",
        duration: 8,
        audio: false,
        negativePrompt: "blur",
        seed: 42,
        firstFrame: first.url,
        lastFrame: last.url,
      },
    });
    expect(event?.conversation).toEqual({
      platform: "discord",
      workspaceId: payload.guild_id,
      channelId: payload.channel.id,
      userId: fake.world.user.id,
      userName: expect.any(String),
    });
    expect(event?.roles).toEqual(payload.member.roles);
    expect(event?.isManager).toBe(false);
  });

  it("GIVEN /framecast admin with Manage Server THEN the text command, and a manager", () => {
    const payload = fake.build.slashCommand({
      name: "framecast",
      options: [
        {
          name: "admin",
          type: ApplicationCommandOptionType.Subcommand,
          options: [{ name: "command", type: ApplicationCommandOptionType.String, value: "quota show" }],
        },
      ],
    });
    payload.member.permissions = String(PermissionFlagsBits.ManageGuild);
    const event = toChatEvent(payload);
    expect(event?.input).toEqual({ kind: "text", text: "/framecast admin quota show" });
    expect(event?.isManager).toBe(true);
  });

  it("GIVEN /framecast usage THEN the text the router reads; an unknown command is not ours", () => {
    const usage = fake.build.slashCommand({
      name: "framecast",
      options: [{ name: "usage", type: ApplicationCommandOptionType.Subcommand }],
    });
    expect(toChatEvent(usage)?.input).toEqual({ kind: "text", text: "/framecast usage" });
    expect(toChatEvent(fake.build.slashCommand({ name: "other" }))).toBeUndefined();
  });

  it("GIVEN a click on fc:<action>:<job> THEN a button event on that job from the clicker", () => {
    const message = fake.build.userMessage({ content: "x" });
    const click = fake.build.button({ customId: "fc:cancel:job-7", message });
    const cancel = toChatEvent(click);
    // When: the interaction id's own time (what makes a repeated click the same click).
    const clickedAt = new Date(Number(BigInt(click.id) >> 22n) + 1_420_070_400_000);
    expect(cancel?.input).toEqual({ kind: "button", action: "cancel", subject: "job-7", clickedAt });
    expect(cancel && answersPublicly(cancel)).toBe(false);
    const seed = toChatEvent(fake.build.button({ customId: "fc:new_seed:job-7", message }));
    expect(seed?.input).toMatchObject({ kind: "button", action: "new_seed", subject: "job-7" });
    expect(seed && answersPublicly(seed)).toBe(true);
  });
});
