import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageRef } from "../../../src/app/ports.ts";
import { RecordingChat } from "../../../src/app/recording-chat.ts";
import type { Conversation } from "../../../src/core/chat-event.ts";
import type { View } from "../../../src/core/views/view.ts";
import { textEvent } from "../../support/conversation.ts";
import { useTestDatabase } from "../../support/database.ts";
import { startTestEngineWith, type TestEngine } from "../../support/engine.ts";
import { handler } from "../../support/handler.ts";
import { instantPreview } from "../../support/preview.ts";

// Under load the engine can run a job before its chat message exists (the platform was slow to
// post it): its progress updates then have no message to edit. Once the message is stored, it
// must show where the job is, not "Queued" until the next update.

/** A chat whose new messages appear only once the job they are for has ended. */
class SlowPosts extends RecordingChat {
  engine: TestEngine<SlowPosts> | undefined;
  override async post(conversation: Conversation, view: View): Promise<MessageRef> {
    if (view.subject !== undefined) await this.engine?.finished(view.subject);
    return super.post(conversation, view);
  }
}

const database = useTestDatabase();
const { previewDir, preview } = instantPreview("late-message");
const chat = new SlowPosts();
let engine: TestEngine<SlowPosts>;

beforeAll(async () => {
  engine = await startTestEngineWith(database(), [preview], { previewDir, chat });
  chat.engine = engine;
}, 60_000);
afterAll(async () => {
  await engine?.stop();
});

describe("a job message posted after the job moved on", () => {
  it("GIVEN the job was delivered before its message existed THEN the message is edited to the delivered state at once", async () => {
    await handler(engine.deps, engine.chat)(textEvent("/video a fox --model v6 --dur 1 --q 360p"));
    const post = chat.records.find((r) => r.kind === "post");
    expect(post?.view.title).toMatch(/^Queued/u);
    const edit = chat.records.at(-1);
    expect(edit).toMatchObject({
      kind: "edit",
      message: post?.message,
      view: { title: "Your video is ready" },
    });
  });
});
