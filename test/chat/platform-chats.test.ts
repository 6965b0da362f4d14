import { describe, expect, it } from "vitest";
import { RecordingChat } from "../../src/app/recording-chat.ts";
import { PlatformChats } from "../../src/chat/platform-chats.ts";
import type { Conversation } from "../../src/core/chat-event.ts";
import type { View } from "../../src/core/views/view.ts";

const on = (platform: Conversation["platform"]): Conversation => ({
  platform,
  workspaceId: "w",
  channelId: "c",
  userId: "u",
  userName: "Ada",
});
const view: View = { tone: "info", title: "Queued", blocks: [] };
const link = { kind: "link", url: "https://media.test/v.mp4", sizeBytes: 1, reason: "too big" } as const;

describe("one engine, several platforms", () => {
  it("GIVEN a Discord and a Slack chat THEN each job's messages go to its own platform", async () => {
    const discord = new RecordingChat();
    const slack = new RecordingChat();
    const chats = new PlatformChats({ discord, slack });
    const posted = { conversation: on("slack"), messageId: "1" };
    await chats.edit(posted, { ...view, title: "Generating" });
    await chats.upload({ conversation: on("slack"), key: "job-1", jobMessage: "1" }, link, view);
    await chats.notify(on("discord"), view);
    expect(slack.records.map((r) => r.kind)).toEqual(["edit", "upload"]);
    expect(discord.records.map((r) => r.kind)).toEqual(["notify"]);
  });

  it("GIVEN a job from a platform not configured here THEN its call fails (the step retries), nothing is sent elsewhere", async () => {
    const discord = new RecordingChat();
    const chats = new PlatformChats({ discord });
    await expect(chats.edit({ conversation: on("slack"), messageId: "1" }, view)).rejects.toThrow(
      "slack is not configured",
    );
    expect(discord.records).toEqual([]);
  });
});
