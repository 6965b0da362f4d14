import { WebClient } from "@slack/web-api";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommandHandler } from "../../../src/app/handle-command.ts";
import { CommandReply } from "../../../src/chat/slack/command-reply.ts";
import { SlackChat } from "../../../src/chat/slack/slack-chat.ts";
import type { ChatEvent } from "../../../src/core/chat-event.ts";
import { rowsOf } from "../../../src/db/sql.ts";
import { FakeSlack } from "../../fakes/slack/index.ts";
import { useTestDatabase } from "../../support/database.ts";
import { startTestEngineWith, type TestEngine } from "../../support/engine.ts";
import { instantPreview } from "../../support/preview.ts";

// Slack channels the bot can't use, on the fake: not a member at all (nothing posts), or not a
// member with chat:write.public (messages post, files don't share: not_in_channel), or a file host
// that keeps failing. Every job ends refunded, the person is told, and no uploaded file is left.

const database = useTestDatabase();
const fake = new FakeSlack();
const { previewDir, preview } = instantPreview("slack-undeliverable");
let engine: TestEngine<SlackChat>;
const CLOSED = "C0CLOSED01";
const POST_ONLY = "C0POSTONLY";

beforeAll(async () => {
  await fake.start();
  fake.store.access.set(CLOSED, "none");
  fake.store.access.set(POST_ONLY, "post-only");
  const chat = new SlackChat(
    new WebClient(fake.token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }),
  );
  engine = await startTestEngineWith(database(), [preview], {
    previewDir,
    chat,
    delivery: { maxFailures: 3, deadlineSeconds: 600, retryDelaySeconds: () => 0 },
  });
}, 60_000);
afterAll(async () => {
  await engine?.stop();
  await fake.stop();
});

const video = (channelId: string, text: string): Promise<void> => {
  const event: ChatEvent = {
    conversation: {
      platform: "slack",
      workspaceId: fake.world.teamId,
      channelId,
      userId: fake.world.alice.id,
      userName: "alice",
    },
    roles: [],
    input: { kind: "text", text: `/video ${text} --model v6 --dur 1 --q 360p` },
  };
  return createCommandHandler(engine.deps)(
    event,
    new CommandReply(engine.chat, event.conversation, undefined),
  );
};
const ledger = async (jobId: string) =>
  rowsOf<{ kind: string }>(
    await database().db.execute(sql`SELECT kind FROM ledger WHERE job_id = ${jobId} ORDER BY id`),
  ).map((r) => r.kind);
const calls = (method: string) => fake.calls.filter((c) => c.kind === "api" && c.method === method);

describe("Slack: channels closed to the bot", () => {
  it("GIVEN the bot can't post in the channel at all THEN the job is stopped and refunded, and the person gets a direct message saying why", async () => {
    await video(CLOSED, "a fox no one will see");
    const id = engine.lastJob();
    expect((await engine.store.get(id))?.state).toBe("canceled");
    // Refunded; the provider may have started it meanwhile (then the operator's cost, not theirs).
    expect((await ledger(id)).slice(0, 2)).toEqual(["reserve", "refund"]);
    expect(await ledger(id)).not.toContain("charge");
    const dm = fake.messagesIn(`D${fake.world.alice.id.slice(1)}`).at(-1);
    expect(JSON.stringify(dm?.blocks)).toContain("Couldn't post here");
    expect(JSON.stringify(dm?.blocks)).toContain("framecast isn't a member of this channel");
  });

  it("GIVEN the bot may post but not share files THEN one upload try, the uploaded file deleted, the job's message says it failed, refunded", async () => {
    const before = calls("files.getUploadURLExternal").length;
    await video(POST_ONLY, "a fox that can't be shared");
    const job = await engine.finished(engine.lastJob());
    expect(job.state).toBe("failed");
    expect(calls("files.getUploadURLExternal").length - before).toBe(1);
    expect(fake.store.orphanUploads()).toEqual([]);
    expect(await ledger(job.id)).toEqual(["reserve", "refund"]);
    const message = fake.store.message(POST_ONLY, job.messageId ?? "");
    expect(JSON.stringify(message?.blocks)).toContain("couldn't post it here (framecast isn't a member");
  }, 60_000);

  it("GIVEN Slack's file host keeps failing THEN three tries, then refunded; no file left behind", async () => {
    fake.store.failingUploads = 100;
    const before = calls("files.getUploadURLExternal").length;
    try {
      await video(fake.world.channel.id, "a fox on a bad day");
      const job = await engine.finished(engine.lastJob());
      expect(job.state).toBe("failed");
      expect(calls("files.getUploadURLExternal").length - before).toBe(3);
      expect(calls("files.delete").length).toBeGreaterThanOrEqual(3);
      expect(fake.store.pendingUploads.size).toBe(0);
      expect(await ledger(job.id)).toEqual(["reserve", "refund"]);
    } finally {
      fake.store.failingUploads = 0;
    }
  }, 60_000);
});
