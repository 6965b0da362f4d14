import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MemoryJobAcceptance } from "../../src/app/jobs/memory-acceptance.ts";
import { MemoryJobStore } from "../../src/app/jobs/memory-job-store.ts";
import { MemoryJobQueue } from "../../src/app/jobs/memory-queue.ts";
import type { JobAcceptance, JobStore } from "../../src/app/jobs/ports.ts";
import { MemoryMoneyStore } from "../../src/app/money/memory-money-store.ts";
import { MemorySettingsStore } from "../../src/app/settings/memory-settings-store.ts";
import type { SettingsStore } from "../../src/app/settings/ports.ts";
import type { Conversation } from "../../src/core/chat-event.ts";
import { planCounters, type Requester } from "../../src/core/quota/policy.ts";
import { SqlJobAcceptance } from "../../src/db/acceptance.ts";
import { SqlJobStore } from "../../src/db/job-store.ts";
import { SqlSettingsStore } from "../../src/db/settings-store.ts";
import { useTestDatabase } from "../support/database.ts";
import { videoRequest } from "../support/video-request.ts";

// The job store and acceptance against SQL and their memory twins: same cases, same answers.

interface Stores {
  readonly jobs: JobStore;
  readonly acceptance: JobAcceptance;
  readonly settings: SettingsStore;
}

const database = useTestDatabase();
const implementations: [string, () => Stores][] = [
  [
    "SQL",
    () => ({
      jobs: new SqlJobStore(database().db),
      acceptance: new SqlJobAcceptance(database().db),
      settings: new SqlSettingsStore(database().db),
    }),
  ],
  [
    "memory",
    () => {
      const settings = new MemorySettingsStore();
      const jobs = new MemoryJobStore({ settings });
      const money = new MemoryMoneyStore({ jobState: (id) => jobs.stateOf(id) });
      return {
        jobs,
        settings,
        acceptance: new MemoryJobAcceptance(money, jobs, new MemoryJobQueue(() => new Date())),
      };
    },
  ],
];

const NOW = new Date("2026-11-22T18:48:00Z");
const NO_CAPS = { perUser: null, perWorkspace: null, global: null };

function workspace() {
  const w = `W${randomBytes(4).toString("hex")}`;
  const conversation = (userId = "u1"): Conversation => ({
    platform: "slack",
    workspaceId: w,
    channelId: "C1",
    userId,
    userName: userId,
  });
  const accept = (s: Stores, id: string, userId = "u1", videos: number | null = null) => {
    const requester: Requester = { ...conversation(userId), roles: [] };
    return s.acceptance.accept({
      jobId: `${w}-${id}`,
      requester,
      conversation: conversation(userId),
      request: videoRequest({ duration: 5 }),
      cost: { credits: 35, usdCents: 35 },
      usage: { videos: 1, seconds: 5, credits: 35 },
      counters: planCounters(requester, [], { day: { videos, seconds: null, credits: null } }, NOW),
    });
  };
  return { w, conversation, accept, id: (n: string) => `${w}-${n}` };
}

describe.each(implementations)("JobStore and JobAcceptance contract: %s", (_name, make) => {
  it("GIVEN an accepted request THEN a queued job; the same id again is a duplicate; over quota nothing is written", async () => {
    const s = make();
    const { accept, id, conversation } = workspace();
    expect(await accept(s, "a")).toEqual({
      ok: true,
      jobId: id("a"),
      queuePosition: await s.jobs.queuePosition(id("a")),
    });
    expect(await accept(s, "a")).toEqual({ ok: false, duplicate: true });
    const job = await s.jobs.get(id("a"));
    expect(job).toMatchObject({ id: id("a"), state: "queued", progress: 0, conversation: conversation() });
    expect(job?.request.duration).toBe(5);
    const refused = await accept(s, "b", "u1", 1);
    expect(refused).toMatchObject({ ok: false, breach: { scope: "user", dimension: "videos" } });
    expect(await s.jobs.get(id("b"))).toBeUndefined();
  });

  it("GIVEN requests accepted one after another THEN each is told its place in line, as queuePosition counts it", async () => {
    const s = make();
    const { accept, id } = workspace();
    const a = await accept(s, "a");
    const b = await accept(s, "b");
    if (!a.ok || !b.ok) throw new Error("not accepted");
    expect(b.queuePosition).toBe(a.queuePosition + 1);
    expect(b.queuePosition).toBe(await s.jobs.queuePosition(id("b")));
    await s.jobs.claimSlot(id("a"), NO_CAPS, NOW);
    const c = await accept(s, "c");
    expect(c).toMatchObject({ ok: true, queuePosition: b.queuePosition });
  });

  it("GIVEN a button's repeat (a neighbouring job exists) THEN a duplicate and nothing written; without one, accepted", async () => {
    const s = make();
    const { accept, id, w, conversation } = workspace();
    await accept(s, "a");
    const requester: Requester = { ...conversation(), roles: [] };
    const click = (jobId: string, neighbours: string[]) =>
      s.acceptance.accept({
        jobId,
        requester,
        conversation: conversation(),
        request: videoRequest({ duration: 5 }),
        cost: { credits: 35, usdCents: 35 },
        usage: { videos: 1, seconds: 5, credits: 35 },
        counters: planCounters(requester, [], { day: { videos: null, seconds: null, credits: null } }, NOW),
        repeatOf: { jobIds: neighbours, lock: `click:${w}` },
      });
    expect(await click(id("b"), [id("a"), id("x")])).toEqual({ ok: false, duplicate: true });
    expect(await s.jobs.get(id("b"))).toBeUndefined();
    expect(await click(id("b"), [id("x"), id("y")])).toMatchObject({ ok: true, jobId: id("b") });
    expect(await click(id("b"), [id("x")])).toEqual({ ok: false, duplicate: true });
  });

  it("GIVEN transitions THEN only from the stated state; patches and the message are kept", async () => {
    const s = make();
    const { accept, id } = workspace();
    await accept(s, "a");
    expect(await s.jobs.transition(id("a"), "running", "delivering")).toBe(false);
    expect(await s.jobs.claimSlot(id("a"), NO_CAPS, NOW)).toBe("claimed");
    expect(await s.jobs.claimSlot(id("a"), NO_CAPS, NOW)).toBe("not_queued");
    const provider = { provider: "pixverse" as const, id: `pv-${id("a")}` };
    expect(await s.jobs.transition(id("a"), "submitting", "running", { provider })).toBe(true);
    await s.jobs.patch(id("a"), { progress: 41.6, seedUsed: 42 });
    expect(await s.jobs.setMessage(id("a"), "m1")).toBe("running");
    expect(await s.jobs.findByProviderJob("pixverse", provider.id)).toMatchObject({
      id: id("a"),
      state: "running",
      progress: 42,
      seedUsed: 42,
      messageId: "m1",
      startedAt: NOW,
      provider,
    });
    expect(await s.jobs.setMessage("nobody", "m")).toBeUndefined();
  });

  it("GIVEN message ids set together (one statement on SQL) THEN each is kept and told its job's state", async () => {
    const s = make();
    const { accept, id } = workspace();
    for (const n of ["a", "b", "c"]) await accept(s, n);
    await s.jobs.claimSlot(id("b"), NO_CAPS, NOW);
    const states = await Promise.all([
      s.jobs.setMessage(id("a"), "ma"),
      s.jobs.setMessage(id("b"), "mb"),
      s.jobs.setMessage("nobody", "mx"),
      s.jobs.setMessage(id("c"), "mc1"),
      s.jobs.setMessage(id("c"), "mc2"),
    ]);
    expect(states).toEqual(["queued", "submitting", undefined, "queued", "queued"]);
    expect((await s.jobs.get(id("a")))?.messageId).toBe("ma");
    expect((await s.jobs.get(id("b")))?.messageId).toBe("mb");
    expect((await s.jobs.get(id("c")))?.messageId).toBe("mc2");
  });

  it("GIVEN caps THEN a claim is busy at the user's, the workspace's (its admins' own first) and the global cap", async () => {
    const s = make();
    const { accept, id, w } = workspace();
    for (const n of ["a", "b", "c"]) await accept(s, n, n === "c" ? "u2" : "u1");
    expect(await s.jobs.claimSlot(id("a"), { ...NO_CAPS, perUser: 1 }, NOW)).toBe("claimed");
    expect(await s.jobs.claimSlot(id("b"), { ...NO_CAPS, perUser: 1 }, NOW)).toBe("busy");
    await s.settings.update("slack", w, () => ({ maxConcurrentPerWorkspace: 1 }));
    expect(await s.jobs.claimSlot(id("c"), { ...NO_CAPS, perWorkspace: 5 }, NOW)).toBe("busy");
    await s.settings.update("slack", w, () => ({ maxConcurrentPerWorkspace: null }));
    const active = await activeCount(s.jobs);
    expect(await s.jobs.claimSlot(id("c"), { ...NO_CAPS, global: active }, NOW)).toBe("busy");
    expect(await s.jobs.claimSlot(id("c"), { ...NO_CAPS, global: active + 1 }, NOW)).toBe("claimed");
  });

  it("GIVEN several jobs THEN line positions, open ids, the latest open, recent ones newest first, counts", async () => {
    const s = make();
    const { accept, id, w } = workspace();
    for (const n of ["a", "b", "c"]) await accept(s, n);
    expect((await s.jobs.queuePosition(id("c"))) - (await s.jobs.queuePosition(id("a")))).toBe(2);
    await s.jobs.claimSlot(id("a"), NO_CAPS, NOW);
    expect((await s.jobs.queuePosition(id("c"))) - (await s.jobs.queuePosition(id("b")))).toBe(1);
    await s.jobs.transition(id("c"), "queued", "canceled");
    const who = { platform: "slack", workspaceId: w, userId: "u1" };
    expect((await s.jobs.latestOpen(who))?.id).toBe(id("b"));
    expect((await s.jobs.recentFor(who, 2)).map((j) => j.id)).toEqual([id("c"), id("b")]);
    const open = await s.jobs.openJobIds(100_000);
    expect(open).toEqual(expect.arrayContaining([id("a"), id("b")]));
    expect(open).not.toContain(id("c"));
    expect((await s.jobs.countByState()).canceled).toBeGreaterThanOrEqual(1);
    expect(await s.jobs.idsStartingWith({ platform: "slack", workspaceId: w }, id("")[0] ?? "W", 2)).toEqual([
      id("c"),
      id("b"),
    ]);
    expect(await s.jobs.idsStartingWith({ platform: "slack", workspaceId: w }, `${w}-%`, 5)).toEqual([]);
  });
});

async function activeCount(jobs: JobStore): Promise<number> {
  const counts = await jobs.countByState();
  return (counts.submitting ?? 0) + (counts.running ?? 0) + (counts.delivering ?? 0);
}
