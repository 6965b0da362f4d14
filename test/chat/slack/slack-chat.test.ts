import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackChat } from "../../../src/chat/slack/slack-chat.ts";
import type { Conversation } from "../../../src/core/chat-event.ts";
import type { View } from "../../../src/core/views/view.ts";
import { FakeSlack } from "../../fakes/slack/index.ts";

// SlackChat against the loopback fake: Slack's 429s are waited out, uploads land in the thread.

const fake = new FakeSlack();
let chat: SlackChat;
const view: View = {
  tone: "info",
  title: "Queued",
  subject: "job-1",
  blocks: [{ kind: "text", text: "a fox" }],
};
const here = (channelId: string): Conversation => ({
  platform: "slack",
  workspaceId: fake.world.teamId,
  channelId,
  userId: fake.world.alice.id,
  userName: "alice",
});

beforeAll(async () => {
  await fake.start();
  // As the bot's client, with the retry pause shortened (Retry-After itself is honoured as sent).
  chat = new SlackChat(
    new WebClient(fake.token, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 },
    }),
  );
});
afterAll(() => fake.stop());

describe("SlackChat", () => {
  it("GIVEN chat.update answers 429 with Retry-After THEN it waits and the edit lands", async () => {
    const channel = fake.world.channel.id;
    const message = await chat.post(here(channel), view);
    fake.rateLimit("chat.update", 0);
    await chat.edit(message, { ...view, title: "Generating" });
    const updates = fake.calls.filter((c) => c.method === "chat.update");
    expect(updates.map((c) => c.status)).toEqual([429, 200]);
    expect(JSON.stringify(fake.store.message(channel, message.messageId)?.blocks)).toContain("Generating");
  });

  it("GIVEN a job's message in a thread THEN its video is uploaded into that thread and the message links it", async () => {
    const channel = fake.world.channel.id;
    const parent = fake.addUserMessage({ text: "look" });
    const message = await chat.post(here(channel), view, parent.ts);
    expect(message.messageId).toMatch(/@/u);
    expect(fake.messagesIn(channel).at(-1)).toMatchObject({ thread_ts: parent.ts });
    const path = join(mkdtempSync(join(tmpdir(), "framecast-slack-chat-")), "v.mp4");
    writeFileSync(path, Buffer.alloc(2048, 1));
    const posted = await chat.upload(
      { conversation: here(channel), key: "job-1", jobMessage: message.messageId },
      { kind: "file", path, sizeBytes: 2048 },
      view,
    );
    expect(fake.store.files.get(posted.messageId)?.bytes.length).toBe(2048);
    expect(fake.messagesIn(channel).at(-1)).toMatchObject({ thread_ts: parent.ts });
    await chat.edit(message, view);
    const edited = fake.messagesIn(channel).find((m) => message.messageId.startsWith(m.ts));
    expect(JSON.stringify(edited?.blocks)).toContain("The video");
  });

  it("GIVEN chat.update is waiting out a 429 THEN new messages still go out at once (edits have their own client)", async () => {
    const options = { slackApiUrl: fake.apiUrl, retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 } };
    const post = new WebClient(fake.token, options);
    const edit = new WebClient(fake.token, options);
    const split = new SlackChat(async (_workspace, use) => (use === "edit" ? edit : post));
    const where = here(fake.world.channel.id);
    const message = await split.post(where, view);
    fake.rateLimit("chat.update", 1);
    const editing = split.edit(message, { ...view, title: "Generating" });
    await fake.waitFor((c) => c.method === "chat.update" && c.status === 429);
    await split.post(where, { ...view, title: "Another video" });
    await editing;
    const order = fake.calls
      .filter((c) => c.method === "chat.update" || c.method === "chat.postMessage")
      .slice(-3);
    expect(order.map((c) => `${c.method} ${c.status}`)).toEqual([
      "chat.update 429",
      "chat.postMessage 200",
      "chat.update 200",
    ]);
  });

  it("GIVEN a job's video uploaded already (a retried step) THEN it is not posted twice; a stranger's file of that name doesn't count", async () => {
    const where = here(fake.world.channel.id);
    const path = join(mkdtempSync(join(tmpdir(), "framecast-slack-chat-")), "v.mp4");
    writeFileSync(path, Buffer.alloc(512, 2));
    const video = { kind: "file" as const, path, sizeBytes: 512 };
    // Someone shares a file named as job-2's video would be, before it is delivered.
    fake.addFile(Buffer.alloc(10), "framecast-job-2.mp4", "video/mp4", { user: fake.world.bob.id });
    const first = await chat.upload({ conversation: where, key: "job-2" }, video, view);
    const completes = () => fake.calls.filter((c) => c.method === "files.completeUploadExternal").length;
    const before = completes();
    const again = await chat.upload({ conversation: where, key: "job-2" }, video, view);
    expect(again.messageId).toBe(first.messageId);
    expect(completes()).toBe(before);
    expect(fake.store.files.get(first.messageId)?.file.user).toBe(fake.world.bot.userId);
  });

  it("GIVEN a restart after the upload, before it was recorded THEN the file is reused and the job's message links to it", async () => {
    const where = here(fake.world.channel.id);
    const path = join(mkdtempSync(join(tmpdir(), "framecast-slack-chat-")), "v.mp4");
    writeFileSync(path, Buffer.alloc(256, 3));
    const video = { kind: "file" as const, path, sizeBytes: 256 };
    const jobView: View = { ...view, subject: "job-3" };
    const message = await chat.post(where, jobView);
    const first = await chat.upload({ conversation: where, key: "job-3" }, video, jobView);
    // A new process: nothing in memory about job-3's video.
    const restarted = new SlackChat(
      new WebClient(fake.token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }),
    );
    const again = await restarted.upload({ conversation: where, key: "job-3" }, video, jobView);
    expect(again.messageId).toBe(first.messageId);
    await restarted.edit(message, jobView);
    const edited = fake.messagesIn(where.channelId).find((m) => m.ts === message.messageId);
    expect(JSON.stringify(edited?.blocks)).toContain(fake.store.files.get(first.messageId)?.file.permalink);
  });

  it("GIVEN a link delivery THEN a message with the download link, no upload", async () => {
    const where = here(fake.world.channel.id);
    const before = fake.store.files.size;
    await chat.upload(
      { conversation: where, key: "job-4" },
      { kind: "link", url: "https://media.example/v.mp4", sizeBytes: 2e9, reason: "too big" },
      view,
    );
    expect(fake.store.files.size).toBe(before);
    expect(JSON.stringify(fake.messagesIn(fake.world.channel.id).at(-1)?.blocks)).toContain(
      "https://media.example/v.mp4",
    );
  });
});
