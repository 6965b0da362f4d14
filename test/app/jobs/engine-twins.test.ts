import { describe, expect, it } from "vitest";
import { timeoutSeconds } from "../../../src/app/jobs/engine.ts";
import { memoryEngine } from "../../support/memory-engine.ts";
import { ScriptedProvider } from "../../support/scripted-provider.ts";

// The job engine's behaviour, step by step, on the in-memory twins and a clock the test moves:
// each case runs in milliseconds (the same engine runs on PostgreSQL in test/e2e/engine.test.ts).

const VIDEO = "/video a fox in snow --dur 5";
const kinds = (ledger: { jobId: string; kind: string }[], jobId: string): string[] =>
  ledger.filter((e) => e.jobId === jobId).map((e) => e.kind);

describe("GIVEN the engine on the memory twins", () => {
  it("WHEN the provider finishes THEN the video is posted once with its seed, and charged", async () => {
    const provider = new ScriptedProvider();
    provider.script = [
      { state: "running", progress: 40 },
      { state: "succeeded", videoUrl: "https://media.test/fox.mp4", seed: 77 },
    ];
    const e = memoryEngine([provider]);
    await e.say(VIDEO);
    const id = e.lastJob();
    expect((await e.job(id)).state).toBe("running");
    await e.advance(60);
    const job = await e.job(id);
    expect(job).toMatchObject({ state: "delivered", seedUsed: 77, resultUrl: "https://media.test/fox.mp4" });
    expect(e.chat.records.filter((r) => r.kind === "upload")).toHaveLength(1);
    expect(kinds(e.money.ledger, id)).toEqual(["reserve", "charge"]);
    expect(provider.submitted[0]?.options.idempotencyKey).toBe(id);
  });

  it("WHEN the provider moderates the video THEN it ends moderated and is refunded, nothing posted", async () => {
    const provider = new ScriptedProvider();
    provider.script = [{ state: "running" }, { state: "moderated", message: "sensitive content" }];
    const e = memoryEngine([provider]);
    await e.say(VIDEO);
    await e.advance(60);
    const job = await e.job(e.lastJob());
    expect(job.state).toBe("moderated");
    expect(job.error).toContain("sensitive content");
    expect(e.chat.records.some((r) => r.kind === "upload")).toBe(false);
    expect(kinds(e.money.ledger, job.id)).toEqual(["reserve", "refund"]);
  });

  it("WHEN the provider never finishes THEN it is stopped past the timeout, cancelled there and refunded", async () => {
    const provider = new ScriptedProvider();
    provider.script = [{ state: "running", progress: 10 }];
    const e = memoryEngine([provider]);
    await e.say(VIDEO);
    await e.advance(timeoutSeconds(5) - 60);
    expect((await e.job(e.lastJob())).state).toBe("running");
    await e.advance(120);
    const job = await e.job(e.lastJob());
    expect(job.state).toBe("timed_out");
    expect(provider.canceled).toEqual([job.provider?.id]);
    expect(kinds(e.money.ledger, job.id)).toEqual(["reserve", "refund"]);
  });

  it("WHEN a restart finds a job mid-submission THEN it is failed and refunded rather than paid twice", async () => {
    const provider = new ScriptedProvider();
    const e = memoryEngine([provider]);
    await e.accept(VIDEO);
    const id = e.lastJob();
    // The state a bot that died during its submit call leaves behind; the queue still holds the step.
    await e.jobs.transition(id, "queued", "submitting");
    await e.run();
    const job = await e.job(id);
    expect(job.state).toBe("failed");
    expect(job.error).toMatch(/restarted while starting/u);
    expect(provider.submitted).toHaveLength(0);
    expect(kinds(e.money.ledger, id)).toEqual(["reserve", "refund"]);
  });

  it("WHEN the provider that runs a job is no longer configured THEN it fails and is refunded", async () => {
    const e = memoryEngine([new ScriptedProvider("pixverse")]);
    await e.say(VIDEO);
    const id = e.lastJob();
    await e.jobs.patch(id, { provider: { provider: "fal", id: "gone-1" } });
    await e.advance(60);
    const job = await e.job(id);
    expect(job.state).toBe("failed");
    expect(job.error).toMatch(/no longer configured/u);
    expect(kinds(e.money.ledger, id)).toEqual(["reserve", "refund"]);
  });

  it("WHEN the provider's file is not a video THEN nothing is posted and it is refunded", async () => {
    const provider = new ScriptedProvider();
    provider.script = [{ state: "succeeded", videoUrl: "https://media.test/page.html" }];
    const e = memoryEngine([provider]);
    e.files.notVideos.add("https://media.test/page.html");
    await e.say(VIDEO);
    await e.advance(10);
    const job = await e.job(e.lastJob());
    expect(job.state).toBe("failed");
    expect(job.error).toMatch(/not a playable video/u);
    expect(e.chat.records.some((r) => r.kind === "upload")).toBe(false);
    expect(kinds(e.money.ledger, job.id)).toEqual(["reserve", "refund"]);
  });

  it("WHEN no provider can start the video THEN it fails at once and is refunded", async () => {
    const provider = new ScriptedProvider();
    provider.submitError = new Error("ErrCode 500043: all credits used");
    const e = memoryEngine([provider]);
    await e.say(VIDEO);
    const job = await e.job(e.lastJob());
    expect(job.state).toBe("failed");
    expect(job.error).toContain("all credits used");
    expect(kinds(e.money.ledger, job.id)).toEqual(["reserve", "refund"]);
  });

  it("WHEN a second job is over the per-user cap THEN it waits in line with its position, then runs", async () => {
    const provider = new ScriptedProvider();
    provider.script = [
      { state: "running" },
      { state: "running" },
      { state: "succeeded", videoUrl: "https://media.test/a.mp4" },
    ];
    const e = memoryEngine([provider], { caps: { perUser: 1, perWorkspace: null, global: null } });
    await e.say(VIDEO);
    const first = e.lastJob();
    await e.say("/video a second fox --dur 5");
    const second = e.lastJob();
    expect((await e.job(second)).state).toBe("queued");
    expect(e.chat.records.some((r) => r.kind === "edit" && /#1 in line/u.test(JSON.stringify(r.view)))).toBe(
      true,
    );
    await e.advance(120);
    expect((await e.job(first)).state).toBe("delivered");
    expect((await e.job(second)).state).toBe("delivered");
    expect(kinds(e.money.ledger, second)).toEqual(["reserve", "charge"]);
  });
});
