import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The dependency rule lives in biome.json (`noRestrictedImports` per folder). This runs the real
// Biome with the project's real configuration over probe files, so the rule can't silently rot.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIOME = join(ROOT, "node_modules", ".bin", "biome");
let dir = "";

function lint(file: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(BIOME, ["lint", "--max-diagnostics=50", file], { cwd: dir }, (_error, stdout, stderr) => {
      resolve(`${stdout}${stderr}`);
    });
  });
}

async function probe(path: string, source: string): Promise<string> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), source);
  return lint(path);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "framecast-layering-"));
  const config = JSON.parse(await readFile(join(ROOT, "biome.json"), "utf8")) as Record<string, unknown>;
  delete config.$schema;
  config.vcs = { enabled: false };
  await writeFile(join(dir, "biome.json"), JSON.stringify(config));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const importing = (specifier: string): string => `import { x } from "${specifier}";\n\nexport const y = x;\n`;

describe("dependency rule", () => {
  it.each([
    ["src/core/a.ts", "discord.js"],
    ["src/core/a.ts", "@slack/bolt"],
    ["src/core/a.ts", "undici"],
    ["src/core/a.ts", "drizzle-orm"],
    ["src/core/a.ts", "pg-boss"],
    ["src/core/a.ts", "../db/store.ts"],
    ["src/core/a.ts", "../app/ports.ts"],
    ["src/core/views/a.ts", "../../chat/console/render.ts"],
    ["src/core/a.ts", "../config.ts"],
    ["src/app/a.ts", "discord.js"],
    ["src/app/a.ts", "../db/store.ts"],
    ["src/app/a.ts", "../providers/fal.ts"],
    ["src/core/a.ts", "../log/logger.ts"],
    ["src/app/jobs/a.ts", "../../log/logger.ts"],
    ["src/chat/slack/a.ts", "../../db/job-store.ts"],
    ["src/chat/a.ts", "../providers/build.ts"],
    ["src/chat/discord/a.ts", "../../log/logger.ts"],
    ["src/providers/fal/a.ts", "../../chat/platform-chats.ts"],
    ["src/providers/a.ts", "../db/client.ts"],
    ["src/db/a.ts", "../providers/build.ts"],
    ["src/db/a.ts", "../chat/button-id.ts"],
    ["src/log/a.ts", "../app/ports.ts"],
    ["src/http/a.ts", "../db/job-store.ts"],
    ["src/media/a.ts", "../db/client.ts"],
    ["src/queue/a.ts", "../chat/platform-chats.ts"],
    ["src/cli/a.ts", "../main.ts"],
    ["src/cli/a.ts", "../wiring/engine.ts"],
    ["src/chat/console/a.ts", "../../wiring/bots.ts"],
    ["src/app/a.ts", "../wiring/engine.ts"],
    ["src/wiring/a.ts", "../main.ts"],
  ])("GIVEN %s importing %s THEN lint fails", async (path, specifier) => {
    expect(await probe(path, importing(specifier))).toContain("noRestrictedImports");
  });

  it.each([
    ["src/core/b.ts", "zod"],
    ["src/core/b.ts", "node:crypto"],
    ["src/core/grammar/b.ts", "../catalog.ts"],
    ["src/app/b.ts", "../core/catalog.ts"],
    ["src/chat/b.ts", "discord.js"],
    ["src/chat/slack/b.ts", "../../app/ports.ts"],
    ["src/providers/preview/b.ts", "../../media/ffmpeg.ts"],
    ["src/queue/b.ts", "../db/client.ts"],
    ["src/log/b.ts", "../core/chat-event.ts"],
    ["src/cli/b.ts", "../db/client.ts"],
    ["src/wiring/b.ts", "../chat/discord/discord-bot.ts"],
  ])("GIVEN %s importing %s THEN lint allows it", async (path, specifier) => {
    expect(await probe(path, importing(specifier))).not.toContain("noRestrictedImports");
  });
});
