import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RerunAction, rerunJob } from "../../../src/app/jobs/rerun-job.ts";
import type { ChatEvent } from "../../../src/core/chat-event.ts";
import { conversation } from "../../support/conversation.ts";
import { useTestDatabase } from "../../support/database.ts";
import { startTestEngine, type TestEngine } from "../../support/engine.ts";
import { handler } from "../../support/handler.ts";
import { count } from "../../support/money.ts";
import { instantPreview } from "../../support/preview.ts";

// Re-running a job from its buttons, on the real engine and test database (preview provider).
// The test engine makes "u1" an operator (an admin everywhere); the owner here is "ada2".

const database = useTestDatabase();
const { previewDir, preview } = instantPreview("rerun-preview");
let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine(database(), [preview], { previewDir });
}, 60_000);
afterAll(async () => {
  await engine?.stop();
});

const as = (userId: string, input: ChatEvent["input"], isManager = false): ChatEvent => ({
  conversation: { ...conversation, userId, userName: userId },
  roles: [],
  isManager,
  input,
});
const handle = (event: ChatEvent) => handler(engine.deps, engine.chat)(event);
const click = (userId: string, action: string, jobId: string, isManager = false) =>
  handle(as(userId, { kind: "button", action, subject: jobId }, isManager));
/** Jobs and ledger rows of `userId`'s (other people's jobs keep running in the background). */
const written = async (userId: string) => [
  await count(database().db, sql`SELECT count(*)::int AS n FROM jobs WHERE user_id = ${userId}`),
  await count(
    database().db,
    sql`SELECT count(*)::int AS n FROM ledger l JOIN jobs j ON j.id = l.job_id WHERE j.user_id = ${userId}`,
  ),
];
/** The last answer to a person (a post or a notice): earlier jobs' progress edits keep arriving meanwhile. */
const lastView = () => engine.chat.records.filter((r) => r.kind === "post" || r.kind === "notify").at(-1);

/** A delivered job of `userId`'s. */
async function delivered(userId: string, text: string): Promise<string> {
  await handle(as(userId, { kind: "text", text }));
  const jobId = engine.lastJob();
  expect((await engine.finished(jobId)).state).toBe("delivered");
  return jobId;
}

describe("rerun a job from its buttons", () => {
  it("GIVEN the owner presses Regenerate, New seed, 1080p THEN each is a new accepted job with the changed request", async () => {
    const original = await delivered("ada2", "/video a fox in snow --model v6 --dur 1 --q 360p --seed 42");
    const cases: [string, (r: { seed: number | null; quality: string }) => void][] = [
      ["regenerate", (r) => expect(r).toMatchObject({ seed: 42, quality: "360p" })],
      ["new_seed", (r) => expect(r.seed).not.toBe(42)],
      ["upscale_1080p", (r) => expect(r).toMatchObject({ seed: 42, quality: "1080p" })],
    ];
    for (const [action, check] of cases) {
      await click("ada2", action, original);
      const next = engine.lastJob();
      expect(next).not.toBe(original);
      expect(lastView()).toMatchObject({ kind: "post", view: { title: expect.stringMatching(/^Queued/u) } });
      const job = await engine.store.get(next);
      expect(job?.conversation.userId).toBe("ada2");
      expect(job?.request.prompt).toBe("a fox in snow");
      check(job?.request ?? { seed: null, quality: "" });
    }
  }, 60_000);

  it("GIVEN a new seed THEN it is drawn from 0–2147483647", async () => {
    await handle(as("finn", { kind: "text", text: "/video a cat --model v6 --dur 1 --q 360p" }));
    const original = engine.lastJob();
    const seeds: number[] = [];
    for (const seed of [0, 2147483647]) {
      await rerunJob(
        { ...engine.deps, reply: engine.chat.replyTo(as("finn", { kind: "text", text: "" }).conversation) },
        engine.deps.jobs ?? expect.fail("jobs"),
        as("finn", { kind: "text", text: "" }),
        { jobId: original, action: "new_seed" satisfies RerunAction, admin: false },
        () => seed,
      );
      seeds.push((await engine.store.get(engine.lastJob()))?.request.seed ?? -1);
    }
    expect(seeds).toEqual([0, 2147483647]);
  }, 60_000);

  it("GIVEN a stranger presses New seed THEN a private refusal and nothing is written", async () => {
    await handle(as("u1", { kind: "text", text: "/framecast admin quota set user:<@bob> videos:100" }));
    await handle(as("gus", { kind: "text", text: "/video a fox --model v6 --dur 1 --q 360p" }));
    const original = engine.lastJob();
    await click("bob", "new_seed", original);
    expect(lastView()).toMatchObject({ kind: "notify", view: { private: true, title: "Not your video" } });
    expect(JSON.stringify(lastView())).toContain("Only the person who asked for a video (or an admin)");
    expect(await written("bob")).toEqual([0, 0]);
  }, 60_000);

  it("GIVEN an admin (Manage Server) presses Regenerate on someone's job THEN a new job, theirs", async () => {
    await handle(as("hal", { kind: "text", text: "/video a fox --model v6 --dur 1 --q 360p" }));
    const original = engine.lastJob();
    await click("carol", "regenerate", original, true);
    const next = engine.lastJob();
    expect(next).not.toBe(original);
    expect((await engine.store.get(next))?.conversation.userId).toBe("carol");
  }, 60_000);

  it("GIVEN 1080p for v5.6 at 10 s THEN the validator's friendly error; no job, nothing charged", async () => {
    await handle(as("ivy", { kind: "text", text: "/video a slow fox --model v5.6 --dur 10 --q 360p" }));
    const original = engine.lastJob();
    await engine.finished(original);
    const before = await written("ivy");
    await click("ivy", "upscale_1080p", original);
    expect(lastView()).toMatchObject({ kind: "notify", view: { private: true } });
    expect(JSON.stringify(lastView())).toContain("v5.6 can't make 10-second videos at 1080p");
    expect(await written("ivy")).toEqual(before);
    expect(engine.lastJob()).toBe(original);
  }, 60_000);

  it("GIVEN the clicker's quota is used up THEN refused privately, nothing written", async () => {
    await handle(as("dave", { kind: "text", text: "/video a fox --model v6 --dur 1 --q 360p" }));
    const original = engine.lastJob();
    await engine.finished(original);
    await handle(as("u1", { kind: "text", text: "/framecast admin quota set user:<@dave> videos:1" }));
    const before = await written("dave");
    await click("dave", "regenerate", original);
    expect(lastView()).toMatchObject({ kind: "notify", view: { private: true, title: "Over your quota" } });
    expect(await written("dave")).toEqual(before);
  }, 60_000);

  it("GIVEN a picture job whose signed CDN link has expired THEN re-running it says so; nothing written", async () => {
    await handle(
      as("ivy2", {
        kind: "text",
        text: "/video the waves crash image:https://cdn.discordapp.com/attachments/1/2/a.png?ex=5f5e1000&is=1&hm=2",
      }),
    );
    const jobId = engine.lastJob();
    await engine.finished(jobId); // the preview provider can't fetch it: refunded; the row stays
    const before = await written("ivy2");
    await click("ivy2", "regenerate", jobId);
    expect(lastView()).toMatchObject({
      kind: "notify",
      view: { private: true, title: "That picture's link has expired" },
    });
    expect(await written("ivy2")).toEqual(before);
  }, 60_000);

  it("GIVEN an unknown job THEN a clear private notice; Extend on another's video THEN refused", async () => {
    await click("ada2", "regenerate", "00000000-0000-4000-8000-000000000000");
    expect(lastView()).toMatchObject({ kind: "notify", view: { private: true, title: "Can't do that" } });
    await click("ada2", "extend", engine.lastJob());
    expect(lastView()).toMatchObject({ kind: "notify", view: { private: true, title: "Not your video" } });
  });

  it("GIVEN Extend on a delivered preview THEN the preview's own extend continues it: no frame, the source named, charged", async () => {
    const original = await delivered("kim2", "/video a lighthouse --model v6 --dur 1 --q 360p --ar 9:16");
    await click("kim2", "extend", original);
    const next = await engine.finished(engine.lastJob());
    expect(next.id).not.toBe(original);
    expect(next.state).toBe("delivered");
    const source = await engine.store.get(original);
    expect(next.request).toMatchObject({
      mode: "extend",
      prompt: "a lighthouse",
      ratio: null,
      firstFrame: null,
      source: { jobId: original, provider: "preview", id: source?.provider?.id, videoUrl: source?.resultUrl },
    });
    // Nothing was shown privately: a native extend needs no frame.
    expect(engine.chat.records.some((r) => r.kind === "notify" && r.view.title.includes("frame"))).toBe(
      false,
    );
  }, 60_000);
});

describe("/framecast history", () => {
  it("GIVEN jobs by several people THEN the caller's 10 most recent here, newest first, privately", async () => {
    await handle(as("u1", { kind: "text", text: "/framecast admin quota set user:<@erin> videos:100" }));
    for (let i = 0; i < 11; i++) {
      await handle(
        as("erin", { kind: "text", text: `/video history fox number ${i} --model v6 --dur 1 --q 360p` }),
      );
    }
    const newest = engine.lastJob();
    await handle(as("gus", { kind: "text", text: "/video not erin's --model v6 --dur 1 --q 360p" }));
    await handle(as("erin", { kind: "text", text: "/history" }));
    const view = lastView()?.view;
    expect(view).toMatchObject({ private: true, title: "Your recent videos" });
    const table = view?.blocks.find((b) => b.kind === "table");
    if (table?.kind !== "table") throw new Error("no table");
    expect(table.rows).toHaveLength(10);
    // The newest is still waiting or running (the engine works in the background): its cost is held.
    expect(table.headers[0]).toBe("job");
    expect(table.rows[0]?.[0]).toBe(newest.slice(0, 8));
    expect(table.rows[0]?.slice(2, 5)).toEqual([
      "history fox number 10",
      "PixVerse v6 · 1 s · 360p",
      expect.stringMatching(/^\d+ cr/u),
    ]);
    expect(table.rows.at(-1)?.[2]).toBe("history fox number 1");
    await handle(as("nobody", { kind: "text", text: "/framecast history" }));
    expect(JSON.stringify(lastView())).toContain("haven't made any videos here yet");
  }, 60_000);
});

describe("a job's short id, typed", () => {
  const say = (userId: string, text: string) => handle(as(userId, { kind: "text", text }));

  it("GIVEN /cancel with the id the job message shows THEN that job is cancelled and refunded", async () => {
    // Two at a time per person: the third waits in line, so it is still there to cancel.
    for (const n of [1, 2, 3]) await say("hal", `/video fox ${n} --model v6 --dur 1 --q 360p`);
    const third = engine.lastJob();
    const shown = engine.chat.records.find((r) => r.kind === "post" && r.view.subject === third)?.view;
    const ref = JSON.stringify(shown).match(/\["Job","([0-9a-f]{8})"\]/u)?.[1];
    expect(ref).toBe(third.slice(0, 8));
    await say("hal", `/cancel ${ref}`);
    expect(lastView()?.view.title).toBe("Cancelled");
    expect((await engine.store.get(third))?.state).toBe("canceled");
  });

  it("GIVEN /regenerate, /new-seed or /framecast 1080p with a short id THEN the same use case as the button", async () => {
    const original = await delivered("ivy", "/video a fox in snow --model v6 --dur 1 --q 360p --seed 7");
    const made = async (text: string) => {
      const before = engine.lastJob();
      await say("ivy", text);
      expect(engine.lastJob()).not.toBe(before);
      return (await engine.store.get(engine.lastJob()))?.request;
    };
    expect(await made(`/regenerate ${original.slice(0, 8)}`)).toMatchObject({ seed: 7, quality: "360p" });
    expect(await made(`/framecast 1080p ${original.slice(0, 6)}`)).toMatchObject({
      seed: 7,
      quality: "1080p",
    });
    // No id: the person's latest video (here the 1080p one), with a new seed.
    const fresh = await made("/new-seed");
    expect(fresh).toMatchObject({ prompt: "a fox in snow", quality: "1080p" });
    expect(fresh?.seed).not.toBe(7);
  }, 60_000);

  it("GIVEN a job id that isn't one, or names nothing here THEN a private answer saying how to name a job", async () => {
    await say("ivy", "/regenerate tomorrow");
    expect(lastView()?.view).toMatchObject({ private: true, title: '"tomorrow" isn\'t a job' });
    await say("ivy", "/cancel abcdef12");
    expect(lastView()?.view).toMatchObject({ private: true, title: "No such video" });
    expect(JSON.stringify(lastView())).toContain("/framecast history");
  });
});
