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
    expect(actions(done)).toEqual(["regenerate", "new_seed", "extend", "upscale_1080p"]);
    const ten = videoRequest({ duration: 10 });
    expect(actions({ ...done, request: ten, cost: priceRequest(ten) })).toEqual([
      "regenerate",
      "new_seed",
      "extend",
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
