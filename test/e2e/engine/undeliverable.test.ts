import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Delivery } from "../../../src/app/jobs/ports.ts";
import { ChannelClosedError, type MessageRef, type VideoPost } from "../../../src/app/ports.ts";
import { RecordingChat } from "../../../src/app/recording-chat.ts";
import type { Conversation } from "../../../src/core/chat-event.ts";
import type { View } from "../../../src/core/views/view.ts";
import { rowsOf } from "../../../src/db/sql.ts";
import { textEvent } from "../../support/conversation.ts";
import { useTestDatabase } from "../../support/database.ts";
import { startTestEngineWith, type TestEngine } from "../../support/engine.ts";
import { handler } from "../../support/handler.ts";
import { instantPreview } from "../../support/preview.ts";

// Every accepted job ends. A job whose message can't be posted is stopped and refunded at once; a
// finished video the chat won't take is tried a bounded number of times within a deadline, then
// refunded, the person told where they can still be reached; meanwhile it holds no slot.

type Failure = Error | undefined;

/** A chat whose calls fail as a test says: `fail.post = error` fails every post, and so on. */
class FailingChat extends RecordingChat {
  readonly fail: { post?: Failure; edit?: Failure; notify?: Failure; upload?: Failure } = {};
  /** Upload failures left before uploads work again (Infinity: never). */
  uploadFailuresLeft = 0;
  uploads = 0;
  readonly directs: { conversation: Conversation; view: View }[] = [];
  onUpload: () => void = () => {};

  override async post(conversation: Conversation, view: View): Promise<MessageRef> {
    if (this.fail.post !== undefined) throw this.fail.post;
    return super.post(conversation, view);
  }
  override async edit(message: MessageRef, view: View): Promise<void> {
    if (this.fail.edit !== undefined) throw this.fail.edit;
    return super.edit(message, view);
  }
  override async notify(conversation: Conversation, view: View): Promise<void> {
    if (this.fail.notify !== undefined) throw this.fail.notify;
    return super.notify(conversation, view);
  }
  override async upload(where: VideoPost, delivery: Delivery, view: View): Promise<MessageRef> {
    this.uploads++;
    this.onUpload();
    if (this.uploadFailuresLeft > 0) {
      this.uploadFailuresLeft--;
      throw this.fail.upload ?? new Error("upload failed");
    }
    return super.upload(where, delivery, view);
  }
  async direct(conversation: Conversation, view: View): Promise<void> {
    this.directs.push({ conversation, view });
  }
}

const database = useTestDatabase();
const { previewDir, preview } = instantPreview("undeliverable");
const chat = new FailingChat();
let offset = 0;
let retryDelay = 0;
let engine: TestEngine<FailingChat>;

beforeAll(async () => {
  engine = await startTestEngineWith(database(), [preview], {
    previewDir,
    chat,
    caps: { perUser: 1, perWorkspace: null, global: null },
    now: () => new Date(Date.now() + offset),
    delivery: { maxFailures: 3, deadlineSeconds: 600, retryDelaySeconds: () => retryDelay },
  });
  await say("/framecast admin quota set user:<@u1> videos:100 seconds:1000");
}, 60_000);
afterAll(async () => {
  await engine?.stop();
});

const say = (text: string) => handler(engine.deps, engine.chat)(textEvent(text));
const ledger = async (jobId: string) =>
  rowsOf<{ kind: string }>(
    await database().db.execute(sql`SELECT kind FROM ledger WHERE job_id = ${jobId} ORDER BY id`),
  ).map((r) => r.kind);
const VIDEO = "--model v6 --dur 1 --q 360p";

describe("a job whose message can't be posted", () => {
  it("GIVEN the channel is closed to the bot THEN the job is stopped and refunded at once, and the person told why, truthfully", async () => {
    chat.fail.post = new ChannelClosedError("the app isn't a member of this channel");
    try {
      await say(`/video a fox nobody will see ${VIDEO}`);
    } finally {
      chat.fail.post = undefined;
    }
    const id = engine.lastJob();
    expect((await engine.store.get(id))?.state).toBe("canceled");
    // Refunded; the provider may have started it meanwhile (then the operator's cost, not theirs).
    expect((await ledger(id)).slice(0, 2)).toEqual(["reserve", "refund"]);
    expect(await ledger(id)).not.toContain("charge");
    const told = chat.records.at(-1);
    expect(told).toMatchObject({ kind: "notify", view: { title: "Couldn't post here" } });
    expect(JSON.stringify(told?.view)).toContain("(the app isn't a member of this channel)");
    expect(JSON.stringify(told?.view)).toContain("refunded: nothing was charged");
  });
});

describe("a finished video the chat won't take", () => {
  it("GIVEN every upload fails THEN tried 3 times, then failed and refunded, the job's message saying so", async () => {
    chat.uploadFailuresLeft = Number.POSITIVE_INFINITY;
    const before = chat.uploads;
    try {
      await say(`/video a fox that won't upload ${VIDEO}`);
      const job = await engine.finished(engine.lastJob());
      expect(job.state).toBe("failed");
      expect(chat.uploads - before).toBe(3);
      expect(await ledger(job.id)).toEqual(["reserve", "refund"]);
      const last = chat.records.filter((r) => r.kind === "edit").at(-1);
      expect(JSON.stringify(last?.view)).toContain("couldn't post it here");
      expect(JSON.stringify(last?.view)).toContain("refunded, nothing charged");
    } finally {
      chat.uploadFailuresLeft = 0;
    }
  }, 60_000);

  it("GIVEN a closed channel THEN given up at the first try; the message can't be edited nor a notice shown there, so a direct message", async () => {
    chat.uploadFailuresLeft = 1;
    chat.fail.upload = new ChannelClosedError("Missing Permissions: framecast may not send messages here");
    chat.onUpload = () => {
      chat.fail.edit = new Error("403");
      chat.fail.notify = new Error("403");
    };
    const before = chat.uploads;
    try {
      await say(`/video a fox in a closed channel ${VIDEO}`);
      const job = await engine.finished(engine.lastJob());
      expect(job.state).toBe("failed");
      expect(chat.uploads - before).toBe(1);
      expect(await ledger(job.id)).toEqual(["reserve", "refund"]);
      expect(chat.directs.at(-1)?.view).toMatchObject({ title: "Your video couldn't be posted" });
      expect(JSON.stringify(chat.directs.at(-1)?.view)).toContain("Missing Permissions");
    } finally {
      chat.onUpload = () => {};
      chat.fail.upload = undefined;
      chat.fail.edit = undefined;
      chat.fail.notify = undefined;
    }
  }, 60_000);

  it("GIVEN the deadline passes between tries THEN failed and refunded without trying again", async () => {
    chat.uploadFailuresLeft = Number.POSITIVE_INFINITY;
    chat.onUpload = () => {
      offset = 3600_000;
    };
    const before = chat.uploads;
    try {
      await say(`/video a fox too late ${VIDEO}`);
      const job = await engine.finished(engine.lastJob());
      expect(job.state).toBe("failed");
      expect(job.error).toContain("within 10 minutes");
      expect(chat.uploads - before).toBe(1);
    } finally {
      chat.onUpload = () => {};
      chat.uploadFailuresLeft = 0;
      offset = 0;
    }
  }, 60_000);

  it("GIVEN a delivery waiting to try again THEN it holds no slot: the owner's next job (cap 1) runs meanwhile", async () => {
    chat.uploadFailuresLeft = 1;
    retryDelay = 3600;
    try {
      await say(`/video a fox waiting to be posted ${VIDEO}`);
      const waiting = engine.lastJob();
      const failed = new Promise<void>((resolve) => {
        chat.onUpload = resolve;
      });
      await failed;
      await engine.stepEnded(waiting);
      expect(await engine.store.get(waiting)).toMatchObject({ state: "delivering", deliveryFailures: 1 });
      await say(`/video the next fox ${VIDEO}`);
      expect((await engine.finished(engine.lastJob())).state).toBe("delivered");
      // Its next try (due in an hour) is run now: it posts.
      await engine.step(waiting);
      expect((await engine.store.get(waiting))?.state).toBe("delivered");
      expect(await ledger(waiting)).toEqual(["reserve", "charge"]);
    } finally {
      chat.onUpload = () => {};
      retryDelay = 0;
    }
  }, 60_000);
});
