import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import type { BotDeps } from "../../../src/app/deps.ts";
import type { VideoProvider } from "../../../src/app/generation/ports.ts";
import { ConsoleChat } from "../../../src/chat/console/console-chat.ts";
import { runConsole } from "../../../src/chat/console/run-console.ts";
import { probe } from "../../../src/media/ffmpeg.ts";
import { PreviewProvider } from "../../../src/providers/preview/client.ts";
import { TEST_NOW } from "../../support/bot.ts";
import { onPostgres, useTestDatabase } from "../../support/database.ts";
import { startTestEngineWith, type TestEngine } from "../../support/engine.ts";
import { memoryEngine } from "../../support/memory-engine.ts";
import { instantPreview } from "../../support/preview.ts";
import { ScriptedProvider } from "../../support/scripted-provider.ts";

const database = useTestDatabase();

/**
 * The console on the in-memory twins: each video it accepts is made at once (the scripted
 * provider, a clock moved past the job's steps), so the console returns at the end of its input.
 */
function memoryDeps(): BotDeps {
  const e = memoryEngine([new ScriptedProvider()], {
    start: TEST_NOW,
    deps: { quotaDefaults: { day: { videos: 5, seconds: 60, credits: null } } },
  });
  let steps = Promise.resolve();
  return {
    ...e.deps,
    jobs: {
      ...e.deps.jobs,
      onAccepted: (id) => {
        e.deps.jobs.onAccepted?.(id);
        steps = steps.then(() => e.advance(600));
      },
    },
  };
}

async function session(lines: string[], interactive = false): Promise<{ out: string; errors: unknown[] }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = "";
  output.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
  });
  const errors: unknown[] = [];
  const done = runConsole({
    input,
    output,
    interactive,
    color: false,
    width: 200,
    deps: memoryDeps(),
    pollMs: 1,
    userName: "ada",
    logError: (error) => errors.push(error),
  });
  input.end(lines.map((l) => `${l}\n`).join(""));
  await done;
  return { out, errors };
}

describe("console chat", () => {
  it("GIVEN a script of commands THEN answers each in order and returns at end of input", async () => {
    const { out, errors } = await session([
      "/video a fox in snow --ar 9:16 --dur 8",
      "/video a fox duration:7",
      "/models",
    ]);
    expect(errors).toEqual([]);
    const preview = out.indexOf("ℹ Queued");
    const problem = out.indexOf("✗ That command has a problem");
    const models = out.indexOf("ℹ Models");
    expect(preview).toBeGreaterThanOrEqual(0);
    expect(problem).toBeGreaterThan(preview);
    expect(models).toBeGreaterThan(problem);
    expect(out).toContain("Duration 7 s isn't available. v5.6 supports 5, 8 or 10 seconds; did you mean 8?");
  });

  it("GIVEN a wide terminal THEN the models table is one row per model", async () => {
    const { out } = await session(["/models"]);
    expect(out).toMatch(/\n {2}v5\.6 +5, 8 or 10 s +16:9 4:3 1:1 3:4 9:16/u);
    expect(out).toMatch(/\n {2}v6 +1–15 s/u);
  });

  it("GIVEN /quit THEN stops reading, ignoring the rest", async () => {
    const { out } = await session(["/quit", "/help"]);
    expect(out).not.toContain("framecast: AI video");
  });

  it("GIVEN an interactive terminal THEN greets and prompts", async () => {
    const { out } = await session(["/help"], true);
    expect(out).toContain("framecast console:");
    expect(out).toContain("framecast> ");
  });

  it("GIVEN something is being typed when a job's message is printed THEN the prompt and the typing are drawn again below it", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let out = "";
    output.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    const chat = new ConsoleChat((t) => output.write(t), { color: false, width: 200 });
    const done = runConsole({
      input,
      output,
      interactive: true,
      color: false,
      width: 200,
      chat,
      deps: memoryDeps(),
      pollMs: 1,
      userName: "ada",
      logError: () => {},
    });
    input.write("/vid");
    const conversation = {
      platform: "console" as const,
      workspaceId: "local",
      channelId: "console",
      userId: "u",
      userName: "ada",
    };
    await chat.edit(
      { conversation, messageId: "1" },
      { tone: "info", title: "Generating · 40%", blocks: [], subject: "3f2a9c1d-0" },
    );
    const after = out.slice(out.lastIndexOf("Generating · 40%"));
    expect(after).toMatch(/^Generating · 40%\n.*framecast> \/vid/su);
    input.end();
    await done;
  });

  it("GIVEN an admin's default quality and a request with every option THEN the error names the default, the request shows each option", async () => {
    const { out, errors } = await session([
      "/framecast admin defaults quality:1080p",
      "/video a fox duration:10",
      "/video a fox --dur 5 --q 720p style:anime motion:fast seed:42 neg:people thinking:enabled",
    ]);
    expect(errors).toEqual([]);
    expect(out.slice(out.indexOf("✗"), out.indexOf("  Job:"))).toBe(
      [
        "✗ That command has a problem",
        "  • v5.6 can't make 10-second videos at 1080p; use 5 or 8 seconds at 1080p, or 720p for 10 seconds. 1080p is this workspace's default quality (set by an admin): add quality:720p to choose another.",
        "  Nothing was charged. Fix the command and send it again, or see /framecast help.",
        "ℹ Queued · #1 in line",
        "  a fox",
        "  Video:    PixVerse v5.6 · 5 s · 16:9 · 720p · audio on",
        "  Style:    anime",
        "  Motion:   fast",
        "  Avoid:    people",
        "  Thinking: enabled",
        "  Seed:     42",
        "  Cost:     35 credits ($0.35 list price), charged only when delivered",
        "  Provider: PixVerse",
        "",
      ].join("\n"),
    );
  });

  it("GIVEN CRLF line endings and blank lines THEN handles them like plain lines", async () => {
    const input = ["/video a fox\r", "", "   "];
    const { out } = await session(input);
    expect(out.match(/Queued/gu)).toHaveLength(1);
  });

  it("GIVEN U+2028 or U+2029 inside a line THEN it stays one command", async () => {
    const { out } = await session(["/video a fox\u2028in snow --dur 8\u2029--ar 9:16"]);
    expect(out.match(/Queued/gu)).toHaveLength(1);
    expect(out).toContain("8 s · 9:16");
  });
});

describe("consoles making videos", () => {
  const { previewDir, preview } = instantPreview("console-preview");
  const bossSchema = `boss_console_${process.pid}`;
  const engines: TestEngine<ConsoleChat>[] = [];
  afterAll(async () => {
    for (const engine of engines) await engine.stop();
  });

  /** A console on its own engine (all on one database and queue, as two processes would be). */
  async function startConsole(
    channelId: string,
    { interactive = false, provider = preview as VideoProvider, work = true, queue = bossSchema } = {},
  ) {
    const input = new PassThrough();
    const output = new PassThrough();
    let out = "";
    output.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    /** Resolves once the console has printed something matching `pattern`. */
    const printed = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => pattern.test(out) && resolve();
        output.on("data", check);
        check();
      });
    const chat = new ConsoleChat((t) => output.write(t), { color: false, width: 200 }, undefined, channelId);
    const engine = await startTestEngineWith(database(), [provider], {
      previewDir,
      chat,
      bossSchema: queue,
      work,
      caps: { perUser: null, perWorkspace: null, global: null },
      quotaDefaults: {},
    });
    engines.push(engine);
    let stop = (): void => {};
    const done = runConsole({
      input,
      output,
      interactive,
      color: false,
      width: 200,
      chat,
      until: new Promise<void>((resolve) => {
        stop = resolve;
      }),
      pollMs: 50,
      deps: engine.deps,
      userName: "ada",
      logError: (error) => {
        throw error;
      },
    });
    return { input, out: () => out, printed, done, engine, stop };
  }

  // Several processes share PostgreSQL only (the embedded database is one process by design).
  it.runIf(onPostgres())(
    "GIVEN two consoles on one database THEN each shows only its own jobs, each end once, and each returns when its own jobs end",
    async () => {
      // A's engine runs no steps: B's engine makes every video, A's too (whose messages it can't show).
      const a = await startConsole("console-a", { work: false });
      const b = await startConsole("console-b");
      const video = (n: string) => `/video fox ${n} --model v6 --dur 1 --q 360p\n`;
      a.input.end(video("a1") + video("a2") + video("a3"));
      b.input.end(video("b1") + video("b2") + video("b3"));
      await Promise.all([a.done, b.done]);
      for (const [mine, theirs] of [
        [a, b],
        [b, a],
      ] as const) {
        const own = [...mine.out().matchAll(/Job: +([0-9a-f]{8})/gu)].map((m) => m[1]);
        expect(new Set(own).size).toBe(3);
        for (const ref of [...theirs.out().matchAll(/Job: +([0-9a-f]{8})/gu)].map((m) => m[1]))
          expect(mine.out()).not.toContain(ref);
        // Each video's end printed once: by B's engine for B's, from the database for A's.
        expect(mine.out().match(/Your video is ready/gu)).toHaveLength(3);
      }
      expect(a.out().match(/delivered by another framecast process/gu)).toHaveLength(3);
    },
    60_000,
  );

  it("GIVEN /video then /continue <job> 2 THEN the preview extends it twice, the joined 3 s file is printed, and the console waits for the whole chain", async () => {
    // A queue of its own: the engines of the tests above would otherwise make (and print) its videos.
    const c = await startConsole("console-continue", { queue: `${bossSchema}_continue` });
    c.input.write("/video a paper plane --model v6 --dur 1 --q 360p\n");
    await c.printed(/Your video is ready[\s\S]*Job: +([0-9a-f]{8})/u);
    // Printed as it is posted; delivered (and charged) a moment later.
    await c.engine.finished(c.engine.lastJob());
    const ref = /Your video is ready[\s\S]*?Job: +([0-9a-f]{8})/u.exec(c.out())?.[1] ?? "";
    expect(c.out()).toContain(`/continue ${ref}`);
    c.input.end(`/continue ${ref} 2\n`);
    await c.done;
    expect(c.out()).toContain("Continuing your video");
    expect(c.out().match(/Extends: +[0-9a-f]{8}/gu)?.length).toBeGreaterThanOrEqual(2);
    expect(c.out()).toContain("Your continued video is ready");
    const saved = /Your continued video is ready[\s\S]*?saved to (\S+\.mp4)/u.exec(c.out())?.[1];
    const info = await probe(saved ?? "");
    expect(info.durationSeconds).toBeGreaterThan(2.8);
    expect(info.durationSeconds).toBeLessThan(3.3);
    expect(info.hasAudio).toBe(true);
  }, 60_000);

  it("GIVEN a video still being made when Ctrl-C comes THEN it says what carries on and returns at once", async () => {
    // A preview that takes an hour: the video is certain to be in progress.
    const hour = new PreviewProvider({
      outputDir: previewDir,
      previewSeconds: 3_600,
      fetchImage: () => Promise.reject(new Error("no images here")),
    });
    const slow = await startConsole("console-c", { interactive: true, provider: hour });
    slow.input.write("/video a long fox --model v6 --dur 1 --q 360p\n");
    await slow.printed(/Job: +[0-9a-f]{8}/u);
    slow.input.write("\u0003");
    await slow.done;
    expect(slow.out()).toContain(
      "Stopping: 1 video in progress carries on when framecast starts again (charged only once delivered).",
    );
  }, 30_000);
});
