import {
  type APIModalSubmitInteraction,
  ComponentType,
  type GatewayMessageCreateDispatchData,
} from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { animateModal, animateRequest, imagesOf, modalFields } from "../../../src/chat/discord/animate.ts";
import { mentionEvent, mentionsBot, textWithoutMention } from "../../../src/chat/discord/mention.ts";

const png = {
  url: "https://cdn.discordapp.com/attachments/1/2/a.png",
  filename: "a.png",
  content_type: "image/png",
};
const jpg = { url: "https://cdn.discordapp.com/attachments/1/3/b.jpg", filename: "b.jpg" };
const pdf = {
  url: "https://cdn.discordapp.com/attachments/1/4/c.pdf",
  filename: "c.pdf",
  content_type: "application/pdf",
};
const BOT = "1300000000000000001";

describe("animate: images, modal, request", () => {
  it("GIVEN attachments THEN the images among them, at most two, by type or else by name", () => {
    expect(imagesOf({ attachments: [pdf, png, jpg, png] })).toEqual([png.url, jpg.url]);
    expect(imagesOf({ attachments: [pdf] })).toEqual([]);
    expect(imagesOf({})).toEqual([]);
  });

  it("GIVEN a message id THEN a modal within Discord's limits whose id names that message", () => {
    const modal = animateModal("1290000000000000007", 2);
    expect(modal?.custom_id).toBe("fc:animate:1290000000000000007");
    expect(modal?.title.length).toBeLessThanOrEqual(45);
    expect(modal?.components).toHaveLength(3);
  });

  it("GIVEN submitted fields THEN /video options with the images as frames; blanks left out", () => {
    const fields = new Map([
      ["prompt", "the waves crash"],
      ["duration", "8s"],
      ["ratio", " "],
    ]);
    expect(animateRequest(fields, [png.url, jpg.url])).toEqual({
      prompt: "the waves crash",
      duration: "8",
      firstFrame: png.url,
      lastFrame: jpg.url,
    });
  });

  it("GIVEN classic rows or labelled components THEN every text input is read", () => {
    const interaction = {
      data: {
        custom_id: "fc:animate:1",
        components: [
          {
            type: ComponentType.ActionRow,
            components: [{ type: ComponentType.TextInput, custom_id: "prompt", value: "p" }],
          },
          { type: 18, component: { type: ComponentType.TextInput, custom_id: "ratio", value: "9:16" } },
        ],
      },
    } as unknown as APIModalSubmitInteraction;
    expect([...modalFields(interaction)]).toEqual([
      ["prompt", "p"],
      ["ratio", "9:16"],
    ]);
  });
});

describe("a message mentioning the bot", () => {
  const message = (over: Partial<GatewayMessageCreateDispatchData>): GatewayMessageCreateDispatchData =>
    ({
      id: "1290000000000000010",
      channel_id: "1290000000000000002",
      guild_id: "1290000000000000001",
      author: {
        id: "1290000000000000003",
        username: "ada",
        global_name: "Ada",
        discriminator: "0",
        avatar: null,
      },
      content: `<@${BOT}> make the waves crash`,
      mentions: [{ id: BOT, username: "framecast", discriminator: "0", avatar: null, global_name: null }],
      attachments: [],
      ...over,
    }) as GatewayMessageCreateDispatchData;

  it("GIVEN the mention THEN it is for the bot; a bot's own or a webhook's message is not", () => {
    expect(mentionsBot(message({}), BOT)).toBe(true);
    expect(mentionsBot(message({ mentions: [] }), BOT)).toBe(false);
    expect(mentionsBot(message({ author: { ...message({}).author, bot: true } }), BOT)).toBe(false);
    expect(mentionsBot(message({ webhook_id: "1" }), BOT)).toBe(false);
    expect(textWithoutMention(`hey <@!${BOT}>  do  it`, BOT)).toBe("hey do it");
  });

  it("GIVEN a reply to an image THEN /video with the replied image first and an attached one last", () => {
    const event = mentionEvent(
      message({ attachments: [{ ...jpg, id: "9", size: 1, proxy_url: jpg.url }] }),
      BOT,
      {
        attachments: [{ ...png, id: "8", size: 1, proxy_url: png.url }],
      } as never,
    );
    expect(event.input).toEqual({
      kind: "text",
      text: "/video make the waves crash",
      images: [png.url, jpg.url],
    });
    expect(event.conversation).toMatchObject({
      platform: "discord",
      userId: "1290000000000000003",
      userName: "Ada",
    });
  });

  it("GIVEN no image THEN a text-to-video prompt; a slash command as typed", () => {
    expect(mentionEvent(message({}), BOT, undefined).input).toEqual({
      kind: "text",
      text: "/video make the waves crash",
    });
    expect(mentionEvent(message({ content: `<@${BOT}> /framecast usage` }), BOT, undefined).input).toEqual({
      kind: "text",
      text: "/framecast usage",
    });
  });
});
