import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Conversation } from "../../src/core/chat-event.ts";
import { planCounters, type Requester } from "../../src/core/quota/policy.ts";
import { VIDEO_QUEUE } from "../../src/queue/jobs-queue.ts";
import { useTestDatabase } from "../support/database.ts";
import { startTestEngine, type TestEngine } from "../support/engine.ts";
import { instantPreview } from "../support/preview.ts";
import { videoRequest } from "../support/video-request.ts";

// framecast_accept runs pg-boss's own statement for the job's first step inside its one
// statement: an accepted job is on the queue, a refused or repeated one adds nothing to it.

const database = useTestDatabase();
const { previewDir, preview } = instantPreview("acceptance");
let engine: TestEngine;

beforeAll(async () => {
  // work: false: the steps stay on the queue for the test to see.
  engine = await startTestEngine(database(), [preview], { previewDir, work: false });
}, 60_000);
afterAll(async () => {
  await engine?.stop();
});

const w = `W${randomBytes(4).toString("hex")}`;
const conversation: Conversation = {
  platform: "slack",
  workspaceId: w,
  channelId: "C1",
  userId: "u1",
  userName: "u1",
};
const requester: Requester = { ...conversation, roles: [] };
const accept = (jobId: string, dailyVideos: number | null) =>
  engine.engine.jobs.acceptance.accept({
    jobId,
    requester,
    conversation,
    request: videoRequest({ duration: 5 }),
    cost: { credits: 35, usdCents: 35 },
    usage: { videos: 1, seconds: 5, credits: 35 },
    counters: planCounters(
      requester,
      [],
      { day: { videos: dailyVideos, seconds: null, credits: null } },
      new Date(),
    ),
  });
const steps = (jobId: string) => engine.boss.findJobs(VIDEO_QUEUE, { key: jobId });

describe("accepting a job in one statement", () => {
  it("GIVEN an accepted job THEN its first step is queued, once; a repeat and a refusal queue nothing", async () => {
    expect(await accept(`${w}-a`, 1)).toMatchObject({ ok: true, jobId: `${w}-a` });
    expect(await steps(`${w}-a`)).toMatchObject([{ data: { jobId: `${w}-a` }, state: "created" }]);
    expect(await accept(`${w}-a`, 1)).toEqual({ ok: false, duplicate: true });
    expect(await steps(`${w}-a`)).toHaveLength(1);
    expect(await accept(`${w}-b`, 1)).toMatchObject({ ok: false, breach: { scope: "user" } });
    expect(await steps(`${w}-b`)).toEqual([]);
    expect(await engine.store.get(`${w}-b`)).toBeUndefined();
  });
});
