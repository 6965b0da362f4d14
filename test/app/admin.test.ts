import { beforeAll, describe, expect, it } from "vitest";
import type { BotDeps } from "../../src/app/deps.ts";
import { createCommandHandler } from "../../src/app/handle-command.ts";
import { reserveQuota } from "../../src/app/money/quota.ts";
import { RecordingChat } from "../../src/app/recording-chat.ts";
import type { ChatEvent } from "../../src/core/chat-event.ts";
import type { View } from "../../src/core/views/view.ts";
import { TEST_NOW } from "../support/bot.ts";
import { memoryEngine } from "../support/memory-engine.ts";
import { ScriptedProvider } from "../support/scripted-provider.ts";

// Admin commands on the in-memory twins (test/contract/ holds them to the SQL stores' behaviour).
let deps: BotDeps;
beforeAll(() => {
  deps = memoryEngine([new ScriptedProvider()], {
    start: TEST_NOW,
    deps: { operators: ["root"], quotaDefaults: { day: { videos: 5, seconds: 60, credits: null } } },
  }).deps;
});

interface Who {
  readonly user: string;
  readonly workspace: string;
  readonly channel?: string;
  readonly roles?: string[];
  readonly manager?: boolean;
}

/** Sends `text` as `who` and returns the one reply. */
async function say(who: Who, text: string): Promise<View> {
  const chat = new RecordingChat();
  const event: ChatEvent = {
    conversation: {
      platform: "discord",
      workspaceId: who.workspace,
      channelId: who.channel ?? "general",
      userId: who.user,
      userName: who.user,
    },
    roles: who.roles ?? [],
    isManager: who.manager ?? false,
    input: { kind: "text", text },
  };
  await createCommandHandler({ ...deps, messages: chat })(event, chat.replyTo(event.conversation));
  const [reply] = chat.views();
  if (reply === undefined || chat.records.length !== 1)
    throw new Error(`expected one reply to ${text}, got ${chat.records.length}`);
  return reply;
}
const text = (v: View): string => JSON.stringify(v);

describe("global limits", () => {
  it("GIVEN an operator THEN they set, see and clear global limits; a server manager or an added admin can do none of it", async () => {
    const set = await say({ user: "root", workspace: "w9" }, "/framecast admin quota set global videos:7");
    expect(text(set)).toContain("global (every workspace)");
    await say({ user: "root", workspace: "w9" }, "/framecast admin admins add:<@ada>");
    for (const who of [
      { user: "boss", workspace: "w9", manager: true },
      { user: "ada", workspace: "w9" },
    ]) {
      const refused = await say(who, "/framecast admin quota clear global");
      expect(refused.title).toBe("Global limits are the operator's");
      expect(text(await say(who, "/framecast admin quota list"))).not.toContain("global (every workspace)");
      expect(text(await say(who, "/framecast admin help"))).not.toContain("quota set global");
    }
    expect(text(await say({ user: "root", workspace: "w1" }, "/framecast admin quota list"))).toContain(
      "global (every workspace)",
    );
    expect((await say({ user: "root", workspace: "w9" }, "/framecast admin quota clear global")).title).toBe(
      "Quotas",
    );
  });
});

describe("who may administer", () => {
  it("GIVEN a member THEN admin commands are refused and change nothing", async () => {
    const reply = await say(
      { user: "mallory", workspace: "w1" },
      "/framecast admin quota set users videos:100",
    );
    expect(reply.title).toBe("Only admins can do that");
    expect(reply.private).toBe(true);
    expect(text(await say({ user: "root", workspace: "w1" }, "/framecast admin quota list"))).not.toContain(
      "every user",
    );
  });

  it("GIVEN a platform manager, an operator, or a workspace admin THEN allowed", async () => {
    expect(
      (await say({ user: "boss", workspace: "w1", manager: true }, "/framecast admin admins add:<@ada>"))
        .title,
    ).toBe("Admins updated");
    expect((await say({ user: "ada", workspace: "w1" }, "/framecast admin quota list")).title).toBe("Quotas");
    expect((await say({ user: "root", workspace: "w-other" }, "/framecast admin quota list")).title).toBe(
      "Quotas",
    );
    expect((await say({ user: "ada", workspace: "w-other" }, "/framecast admin quota list")).title).toBe(
      "Only admins can do that",
    );
  });
});

describe("quotas through chat", () => {
  it("GIVEN an admin sets a user's daily seconds THEN that user's /video past it is refused with what is left", async () => {
    await say({ user: "root", workspace: "w2" }, "/framecast admin quota set user:<@bob> seconds:20");
    await reserveQuota(
      deps.quota,
      { platform: "discord", workspaceId: "w2", channelId: "general", userId: "bob", roles: [] },
      "bob-1",
      {
        videos: 1,
        seconds: 8,
        credits: 56,
      },
    );
    const reply = await say({ user: "bob", workspace: "w2" }, "/video a fox --dur 15 --model v6");
    expect(reply.title).toBe("Over your quota");
    expect(text(reply)).toContain(
      "You have 12 s of video left today; this request needs 15 s. Resets in 5 h 12 m.",
    );
    expect(text(reply)).toContain("Nothing was charged");
    // The user's own policy started from the defaults, so the 5-video limit still applies.
    expect(text(await say({ user: "bob", workspace: "w2" }, "/framecast usage"))).toContain(
      "1 of 5 · 4 left",
    );
  });

  it("GIVEN role limits THEN a member gets the most generous role's allowance", async () => {
    await say(
      { user: "root", workspace: "w3" },
      "/framecast admin quota set role:<@&patrons> videos:20 seconds:300",
    );
    const usage = text(await say({ user: "pat", workspace: "w3", roles: ["patrons"] }, "/framecast usage"));
    expect(usage).toContain("0 of 20 · 20 left");
    expect(usage).toContain("0 s of 300 s · 300 s left");
  });

  it("GIVEN quota clear THEN the default applies again; clearing nothing says so", async () => {
    await say({ user: "root", workspace: "w3" }, "/framecast admin quota clear role:<@&patrons>");
    expect(
      text(await say({ user: "pat", workspace: "w3", roles: ["patrons"] }, "/framecast usage")),
    ).toContain("0 of 5 · 5 left");
    expect(
      (await say({ user: "root", workspace: "w3" }, "/framecast admin quota clear role:<@&patrons>")).title,
    ).toBe("Nothing to clear");
  });

  it("GIVEN reservations THEN admin usage lists spend per user, biggest first", async () => {
    const r = (userId: string) => ({
      platform: "discord" as const,
      workspaceId: "w4",
      channelId: "c",
      userId,
      roles: [],
    });
    await reserveQuota(deps.quota, r("amy"), "amy-1", { videos: 1, seconds: 5, credits: 35 });
    await reserveQuota(deps.quota, r("zed"), "zed-1", { videos: 1, seconds: 8, credits: 56 });
    await reserveQuota(deps.quota, r("zed"), "zed-2", { videos: 1, seconds: 8, credits: 56 });
    const reply = await say({ user: "root", workspace: "w4" }, "/framecast admin usage");
    const table = reply.blocks.find((b) => b.kind === "table");
    expect(table?.kind === "table" ? table.rows.map((row) => [row[0], row[4]]) : []).toEqual([
      ["zed", "112 ($1.12)"],
      ["amy", "35 ($0.35)"],
    ]);
    expect(text(reply)).toContain("Total: 147 credits today, 147 credits this month.");
  });
});

describe("workspace policy through chat", () => {
  it("GIVEN blocked words and allowed channels THEN /video is refused privately, with the reason", async () => {
    await say({ user: "root", workspace: "w5" }, "/framecast admin block word:gore");
    expect((await say({ user: "u", workspace: "w5" }, "/video a GORE fest")).title).toBe("Not allowed here");
    await say({ user: "root", workspace: "w5" }, "/framecast admin channels allow:<#renders>");
    const refused = await say({ user: "u", workspace: "w5", channel: "general" }, "/video a fox");
    expect(text(refused)).toContain("isn't enabled in this channel");
    expect((await say({ user: "u", workspace: "w5", channel: "renders" }, "/video a fox")).title).toMatch(
      /^Queued/u,
    );
    await say({ user: "root", workspace: "w5" }, "/framecast admin channels all");
    expect((await say({ user: "u", workspace: "w5", channel: "general" }, "/video a fox")).title).toMatch(
      /^Queued/u,
    );
  });

  it("GIVEN workspace defaults THEN requests without a model or quality use them; invalid defaults are refused", async () => {
    expect(
      (await say({ user: "root", workspace: "w6" }, "/framecast admin defaults model:v6 quality:4k")).title,
    ).toBe("That default isn't valid");
    await say({ user: "root", workspace: "w6" }, "/framecast admin defaults model:6 quality:540p");
    const reply = text(await say({ user: "u", workspace: "w6" }, "/video a fox --dur 3"));
    expect(reply).toContain("PixVerse v6");
    expect(reply).toContain("3 s · 16:9 · 540p");
    expect(text(await say({ user: "u", workspace: "w6" }, "/video a fox --model v5.6 --q 720p"))).toContain(
      "PixVerse v5.6",
    );
  });
});
