import { describe, expect, it } from "vitest";
import { priceRequest } from "../../../src/core/pricing.ts";
import { type JobSnapshot, jobView, progressBar } from "../../../src/core/views/job.ts";
import { videoRequest } from "../../support/video-request.ts";

const request = videoRequest();
const base: JobSnapshot = {
  jobId: "job-1",
  state: "queued",
  request,
  cost: priceRequest(request),
  provider: "pixverse",
  createdAt: new Date("2026-11-22T10:00:00Z"),
  now: new Date("2026-11-22T10:00:30Z"),
  recentDurations: [60, 70, 80],
};
const text = (s: Partial<JobSnapshot>): string => JSON.stringify(jobView({ ...base, ...s }));
const actions = (s: Partial<JobSnapshot>): string[] => {
  const block = jobView({ ...base, ...s }).blocks.find((b) => b.kind === "buttons");
  return block?.kind === "buttons" ? block.buttons.map((b) => b.action) : [];
};

describe("a job's message", () => {
  it("GIVEN queued THEN its place in line, the price charged only on delivery, and Cancel", () => {
    const view = jobView({ ...base, queuePosition: 2 });
    expect(view.title).toBe("Queued · #2 in line");
    expect(view.subject).toBe("job-1");
    expect(text({ queuePosition: 2 })).toContain(
      "56 credits ($0.56 list price), charged only when delivered",
    );
    expect(actions({})).toEqual(["cancel"]);
  });

  it("GIVEN running at 42% for 20 s with history THEN the bar, elapsed and ETA", () => {
    const view = jobView({
      ...base,
      state: "running",
      progress: 42,
      startedAt: new Date("2026-11-22T10:00:10Z"),
    });
    expect(view.title).toBe("Generating · 42%");
    expect(JSON.stringify(view)).toContain("▰▰▰▰▰▱▱▱▱▱▱▱ 42% · 20 s elapsed · about 50 s left");
  });

  it("GIVEN delivered THEN the seed, the charge and the follow-up buttons (1080p only where the model allows it)", () => {
    const done = {
      state: "delivered" as const,
      seedUsed: 1453814635,
      startedAt: base.createdAt,
      finishedAt: new Date("2026-11-22T10:01:05Z"),
    };
    expect(text(done)).toContain("1453814635");
    expect(text(done)).toContain("Took");
    expect(actions(done)).toEqual(["regenerate", "new_seed", "extend", "continue", "upscale_1080p"]);
    const ten = videoRequest({ duration: 10 });
    expect(actions({ ...done, request: ten, cost: priceRequest(ten) })).toEqual([
      "regenerate",
      "new_seed",
      "extend",
      "continue",
    ]);
  });

  it.each(["failed", "moderated", "canceled", "timed_out"] as const)(
    "GIVEN %s THEN it says refunded and why",
    (state) => {
      const t = text({ state, error: "the provider said no" });
      expect(t).toContain("refunded, nothing charged");
      expect(t).toContain("the provider said no");
    },
  );

  it("GIVEN a request with every option THEN the queued message shows each of them, the provider and the job", () => {
    const full = videoRequest({
      style: "anime",
      motion: "fast",
      duration: 5,
      negativePrompt: "people, text",
      seed: 42,
      thinking: "enabled",
    });
    const view = jobView({
      ...base,
      jobId: "3f2a9c1d-5d3f-4e8a-9c61-2f4d8a7b9e10",
      request: full,
      cost: priceRequest(full),
    });
    const fields = view.blocks.find((b) => b.kind === "fields");
    expect(fields?.kind === "fields" ? fields.items : []).toEqual([
      ["Video", "PixVerse v5.6 · 5 s · 9:16 · 720p · audio on"],
      ["Style", "anime"],
      ["Motion", "fast"],
      ["Avoid", "people, text"],
      ["Thinking", "enabled"],
      ["Seed", "42"],
      ["Cost", "35 credits ($0.35 list price), charged only when delivered"],
      ["Provider", "PixVerse"],
      ["Job", "3f2a9c1d"],
    ]);
  });

  it.each([
    ["the provider reports the seed it used", { seedUsed: 1453814635 }, null, "1453814635"],
    ["a seed was asked for and none reported", {}, 42, "42"],
    ["no seed asked for nor reported", {}, null, "random"],
  ] as const)("GIVEN delivered and %s THEN the seed shown is %s", (_case, extra, asked, shown) => {
    const r = videoRequest({ seed: asked });
    const view = jobView({ ...base, ...extra, request: r, state: "delivered", finishedAt: base.now });
    const fields = view.blocks.find((b) => b.kind === "fields");
    const items = new Map(fields?.kind === "fields" ? fields.items : []);
    expect(items.get("Seed")).toBe(shown);
    expect(items.get("Cost")).toBe("56 credits charged ($0.56 list price)");
    expect(items.get("Job")).toBe("job-1");
  });

  it("GIVEN the preview provider THEN labelled as not PixVerse", () => {
    expect(text({ provider: "preview" })).toContain("not a PixVerse video");
  });

  it.each([
    [0, "▱▱▱▱▱▱▱▱▱▱▱▱ 0%"],
    [50, "▰▰▰▰▰▰▱▱▱▱▱▱ 50%"],
    [100, "▰▰▰▰▰▰▰▰▰▰▰▰ 100%"],
    [140, "▰▰▰▰▰▰▰▰▰▰▰▰ 100%"],
  ])("GIVEN %i THEN %s", (p, bar) => {
    expect(progressBar(p)).toBe(bar);
  });
});
