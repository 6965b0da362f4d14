import { describe, expect, it } from "vitest";
import type { RecordingChat } from "../../src/app/recording-chat.ts";
import { DEFAULT_PRICING } from "../../src/core/pricing.ts";
import { optionsEvent, textEvent } from "../support/conversation.ts";
import { handler } from "../support/handler.ts";
import { memoryEngine } from "../support/memory-engine.ts";
import { ScriptedProvider } from "../support/scripted-provider.ts";

// Routing, checking and answering one command, on the in-memory twins (the stores' SQL and memory
// versions agree: test/contract/). Only what the command itself says is looked at: a valid
// /video is accepted and its job message posted; nothing here runs a step of the engine.

function setup(deps: NonNullable<Parameters<typeof memoryEngine>[1]>["deps"] = {}) {
  const engine = memoryEngine([new ScriptedProvider()], { deps });
  const handle = handler(engine.deps, engine.chat);
  return { chat: engine.chat, handle };
}

const allText = (chat: RecordingChat): string => JSON.stringify(chat.views());

describe("handle command", () => {
  it("GIVEN a valid /video THEN posts one public job message with the parameters and the price", async () => {
    const { chat, handle } = setup();
    await handle(textEvent("/video a fox in snow --ar 9:16 --dur 8"));
    expect(chat.records).toHaveLength(1);
    const [record] = chat.records;
    expect(record?.kind).toBe("post");
    expect(record?.view.private).toBeUndefined();
    expect(allText(chat)).toContain("8 s · 9:16 · 720p · audio on");
    expect(allText(chat)).toContain("56 credits");
  });

  it("GIVEN a /video with three mistakes THEN one private notice lists all three and nothing is posted", async () => {
    const { chat, handle } = setup();
    await handle(textEvent("/video a fox durration:8 ratio:2:3 quality:1080p duration:10"));
    expect(chat.records.map((r) => r.kind)).toEqual(["notify"]);
    const view = chat.views()[0];
    expect(view?.private).toBe(true);
    const list = view?.blocks.find((b) => b.kind === "list");
    expect(list?.kind === "list" ? list.items : []).toHaveLength(3);
    expect(allText(chat)).toContain("Nothing was charged");
  });

  it("GIVEN Discord-style typed options THEN the same validator and price apply", async () => {
    const { chat, handle } = setup();
    await handle(optionsEvent({ prompt: "a fox", duration: 8, ratio: "9:16", audio: false }));
    expect(allText(chat)).toContain("8 s · 9:16 · 720p · no audio");
    await handle(optionsEvent({ prompt: "a fox", duration: 7 }));
    expect(allText(chat)).toContain("did you mean 8?");
  });

  it("GIVEN a picture from a host that isn't allowed THEN a private refusal naming the host only; allowed hosts pass", async () => {
    const { chat, handle } = setup({ imageHosts: ["cdn.discordapp.com"] });
    await handle(textEvent("/video waves crash image:https://evil.example/x.png?sig=secret"));
    expect(chat.records.map((r) => r.kind)).toEqual(["notify"]);
    expect(allText(chat)).toContain("evil.example");
    expect(allText(chat)).not.toContain("sig=secret");
    await handle(textEvent("/video waves crash image:https://cdn.discordapp.com/attachments/1/2/x.png"));
    expect(chat.records.at(-1)?.kind).toBe("post");
  });

  it("GIVEN typed options of the wrong shape THEN a coded error, not a crash", async () => {
    const { chat, handle } = setup();
    await handle(optionsEvent({ prompt: "a fox", duration: Number.NaN }));
    expect(chat.records.map((r) => r.kind)).toEqual(["notify"]);
  });

  it.each([
    ["/help", "framecast: AI video from a sentence"],
    ["/framecast help", "framecast: AI video from a sentence"],
    ["/framecast", "framecast: AI video from a sentence"],
    ["/models", "Models"],
    ["/FRAMECAST MODELS", "Models"],
  ])("GIVEN %s THEN replies privately with %s", async (text, title) => {
    const { chat, handle } = setup();
    await handle(textEvent(text));
    expect(chat.records.map((r) => r.kind)).toEqual(["notify"]);
    expect(chat.views()[0]?.title).toBe(title);
  });

  it("GIVEN an unknown subcommand THEN says which ones exist", async () => {
    const { chat, handle } = setup();
    await handle(textEvent("/framecast dance"));
    expect(chat.views()[0]?.title).toContain('no "dance"');
    expect(allText(chat)).toContain("/framecast help");
  });

  it("GIVEN text that is not a command THEN explains /video and /help", async () => {
    const { chat, handle } = setup();
    await handle(textEvent("make me a video"));
    expect(allText(chat)).toContain("/video");
  });

  it("GIVEN an empty line THEN says nothing", async () => {
    const { chat, handle } = setup();
    await handle(textEvent("   "));
    expect(chat.records).toEqual([]);
  });

  it("GIVEN an operator price table THEN the job message uses it", async () => {
    const { chat, handle } = setup({ pricing: { ...DEFAULT_PRICING, centsPerCredit: 7 } });
    await handle(textEvent("/video a fox duration:8"));
    expect(allText(chat)).toContain("8 credits ($0.56 list price)");
  });
});
