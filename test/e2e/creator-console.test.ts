import { PassThrough } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VideoProvider } from "../../src/app/generation/ports.ts";
import { ConsoleChat } from "../../src/chat/console/console-chat.ts";
import { runConsole } from "../../src/chat/console/run-console.ts";
import { CloudflareProvider } from "../../src/providers/cloudflare/client.ts";
import { useTestDatabase } from "../support/database.ts";
import { startTestEngineWith, type TestEngine } from "../support/engine.ts";
import { count } from "../support/money.ts";
import { instantPreview } from "../support/preview.ts";
import { testHttpPolicy } from "../support/video-request.ts";

// Multi-shot and personal preferences typed into the console, on the real engine (the offline
// preview makes the videos; a provider without multi-shot is swapped in where a test says so).

const database = useTestDatabase();
const { previewDir, preview } = instantPreview("creator-console");
// Cloudflare refuses multi-shot in supports(), before any call: it needs no server here.
const cloudflare = new CloudflareProvider({
  accountId: "a",
  apiToken: "t",
  baseUrl: "https://127.0.0.1:9",
  http: testHttpPolicy().policy,
  fetchImage: () => Promise.reject(new Error("no images")),
});
const providers: VideoProvider[] = [preview];
const use = (...these: VideoProvider[]): void => void providers.splice(0, providers.length, ...these);
let engine: TestEngine<ConsoleChat>;
let out = "";
const output = new PassThrough();
const chat = new ConsoleChat(
  (t) => output.write(t),
  { color: false, width: 200 },
  undefined,
  "console-creator",
);
output.on("data", (chunk: Buffer) => {
  out += chunk.toString("utf8");
});

beforeAll(async () => {
  engine = await startTestEngineWith(database(), providers, { previewDir, chat });
}, 60_000);
afterAll(async () => {
  await engine?.stop();
});

/** Types `lines` into a console and resolves with what it printed, once its videos have ended. */
async function session(lines: string[]): Promise<string> {
  const start = out.length;
  const input = new PassThrough();
  const done = runConsole({
    input,
    output,
    interactive: false,
    color: false,
    width: 200,
    chat,
    pollMs: 50,
    deps: { ...engine.deps, quota: { ...engine.deps.quota, defaults: {} } },
    userName: "ada",
    logError: (error) => {
      throw error;
    },
  });
  input.end(lines.map((l) => `${l}\n`).join(""));
  await done;
  return out.slice(start);
}

const jobs = () => count(database().db, sql`SELECT count(*)::int AS n FROM jobs`);
// Reservations: a refused request makes none (another job's late charge doesn't count here).
const reservations = () =>
  count(database().db, sql`SELECT count(*)::int AS n FROM ledger WHERE kind = 'reserve'`);

describe("console: multi-shot and preferences", () => {
  it("GIVEN shots:on THEN the video is made and its line says multi-shot; on a provider without it, refused before any charge", async () => {
    use(preview);
    const made = await session(["/video a heist in three cuts --model v6 --dur 1 --q 360p --shots"]);
    expect(made).toContain("1 s · 16:9 · 360p · audio on · multi-shot");
    expect(made).toContain("Your video is ready");
    use(cloudflare);
    const [jobsBefore, ledger] = [await jobs(), await reservations()];
    const refused = await session(["/video a heist model:v6 shots:on"]);
    expect(refused).toContain("multi-shot needs v6 on PixVerse or Runware; this workspace uses Cloudflare");
    expect(refused).toContain("Nothing was charged");
    expect([await jobs(), await reservations()]).toEqual([jobsBefore, ledger]);
    use(preview);
  }, 60_000);

  it("GIVEN /prefer then /video THEN the preferences apply, a typed option wins, and /usage and /prefer show them", async () => {
    const printed = await session([
      "/prefer model:v6 quality:360p audio:off suffix:neon rain",
      "/video a city --dur 1",
      "/video a city --dur 1 --audio on",
      "/framecast prefer",
      "/usage",
    ]);
    expect(printed).toContain("Preferences saved");
    expect(printed).toContain("a city, neon rain");
    expect(printed).toContain("1 s · 16:9 · 360p · no audio");
    expect(printed).toContain("1 s · 16:9 · 360p · audio on");
    expect(printed.match(/Prompt suffix: +neon rain/gu)?.length).toBeGreaterThanOrEqual(3);
    expect(printed).toContain("Your preferences (/framecast prefer):");
  }, 60_000);

  it("GIVEN the operator limits models THEN the preferred model is set aside with a note, and prefer clear clears", async () => {
    const printed = await session([
      "/framecast admin limits models:v5.6",
      "/video a city --dur 5",
      "/framecast admin limits models:all",
      "/prefer clear",
    ]);
    expect(printed).toContain("Limits updated");
    expect(printed).toContain(
      "Your preferred model v6 isn't allowed in this workspace (an admin allows v5.6)",
    );
    expect(printed).toContain("5 s · 16:9 · 360p · no audio");
    expect(printed).toContain("You have no preferences");
  }, 60_000);
});
