import { describe, expect, it } from "vitest";
import { ConsoleChat } from "../../../src/chat/console/console-chat.ts";
import type { Conversation } from "../../../src/core/chat-event.ts";
import { priceRequest } from "../../../src/core/pricing.ts";
import { type JobSnapshot, jobView } from "../../../src/core/views/job.ts";
import { videoRequest } from "../../support/video-request.ts";

// What the console prints for a job's life, as a person reads it: console snapshot tests.

const here: Conversation = {
  platform: "console",
  workspaceId: "local",
  channelId: "console-a",
  userId: "local-user",
  userName: "ada",
};
const request = videoRequest({ model: "v6", duration: 2, quality: "360p", seed: 42, negativePrompt: "dogs" });
const at = (s: number) => new Date(Date.UTC(2026, 10, 22, 18, 0, s));
const job = (over: Partial<JobSnapshot>): JobSnapshot => ({
  jobId: "3f2a9c1d-5d3f-4e8a-9c61-2f4d8a7b9e10",
  state: "queued",
  request,
  cost: priceRequest(request),
  provider: "preview",
  createdAt: at(0),
  now: at(1),
  recentDurations: [],
  ...over,
});

function console_(channelId = "console-a"): { chat: ConsoleChat; out: () => string } {
  const printed: string[] = [];
  const chat = new ConsoleChat((t) => printed.push(t), { color: false, width: 100 }, undefined, channelId);
  return { chat, out: () => printed.join("") };
}

describe("the console's job messages", () => {
  it("GIVEN a job's life THEN the queued card once, one line per place in line, progress as it changes, the video once", async () => {
    const { chat, out } = console_();
    const message = await chat.post(here, jobView(job({ queuePosition: 2 })));
    await chat.edit(message, jobView(job({ queuePosition: 1 })));
    await chat.edit(message, jobView(job({ queuePosition: 1 }))); // nothing new: nothing printed
    const running = { state: "running" as const, startedAt: at(1), now: at(3) };
    await chat.edit(message, jobView(job({ ...running, progress: 40 })));
    const done = job({ state: "delivered", startedAt: at(1), finishedAt: at(5), now: at(5) });
    await chat.upload(
      { conversation: here, key: "k1" },
      { kind: "file", path: "/data/previews/x.mp4", sizeBytes: 33_000 },
      jobView(done),
    );
    await chat.edit(message, jobView(done)); // the job's own message, edited to the same: not again
    expect(out()).toBe(
      [
        "ℹ Queued · #2 in line",
        "  a fox in snow",
        "  Video:    PixVerse v6 · 2 s · 9:16 · 360p · audio on",
        "  Avoid:    dogs",
        "  Seed:     42",
        "  Cost:     14 credits ($0.14 list price), charged only when delivered",
        "  Provider: framecast preview (offline) — not a PixVerse video",
        "  Job:      3f2a9c1d",
        "  ↳ /cancel 3f2a9c1d",
        "ℹ [3f2a9c1d] Queued · #1 in line",
        "ℹ [3f2a9c1d] Generating · 40%",
        "  ▰▰▰▰▰▱▱▱▱▱▱▱ 40% · 2 s elapsed",
        "✓ Your video is ready",
        "  a fox in snow",
        "  Video:    PixVerse v6 · 2 s · 9:16 · 360p · audio on",
        "  Avoid:    dogs",
        "  Seed:     42",
        "  Cost:     14 credits charged ($0.14 list price)",
        "  Provider: framecast preview (offline) — not a PixVerse video",
        "  Job:      3f2a9c1d",
        "  Took:     4 s",
        "  ↳ /regenerate 3f2a9c1d · /new-seed 3f2a9c1d · /extend 3f2a9c1d · /continue 3f2a9c1d · /1080p 3f2a9c1d",
        "  Video saved to /data/previews/x.mp4 (32 KB)",
        "",
      ].join("\n"),
    );
  });

  it("GIVEN a job that fails after it was shown running THEN its title, the refund and why, and the typed retry", async () => {
    const { chat, out } = console_();
    const message = await chat.post(here, jobView(job({ state: "running", progress: 10, startedAt: at(1) })));
    const before = out().length;
    await chat.edit(
      message,
      jobView(job({ state: "failed", error: "The provider said no.", finishedAt: at(9) })),
    );
    expect(out().slice(before)).toBe(
      [
        "✗ [3f2a9c1d] The video could not be made",
        "  Cost:     refunded, nothing charged",
        "  Why:      The provider said no.",
        "  ↳ /regenerate 3f2a9c1d",
        "",
      ].join("\n"),
    );
  });

  it("GIVEN another console's job (a shared database) THEN nothing of it is printed here", async () => {
    const { chat, out } = console_();
    const elsewhere = { ...here, channelId: "console-b" };
    const message = await chat.post(elsewhere, jobView(job({})));
    await chat.edit(message, jobView(job({ state: "running", progress: 50 })));
    await chat.upload(
      { conversation: elsewhere, key: "k2" },
      { kind: "file", path: "/x.mp4", sizeBytes: 1 },
      jobView(job({ state: "delivered" })),
    );
    expect(out()).toBe("");
  });

  it("GIVEN a prompt is shown THEN background output clears its line first and draws it again after", async () => {
    const { chat, out } = console_();
    const calls: string[] = [];
    chat.usePrompt({
      hide: () => calls.push(`hide@${out().length}`),
      show: () => calls.push(`show@${out().length}`),
    });
    await chat.edit({ conversation: here, messageId: "1" }, jobView(job({ queuePosition: 3 })));
    expect(calls).toEqual(["hide@0", `show@${out().length}`]);
  });
});
