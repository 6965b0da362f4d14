import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runConsole } from "../../../src/chat/console/run-console.ts";
import { botDeps } from "../../support/bot.ts";
import { useTestDatabase } from "../../support/database.ts";

const database = useTestDatabase();

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
    deps: botDeps(database()),
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
    const preview = out.indexOf("✓ Ready to generate");
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

  it("GIVEN CRLF line endings and blank lines THEN handles them like plain lines", async () => {
    const input = ["/video a fox\r", "", "   "];
    const { out } = await session(input);
    expect(out.match(/Ready to generate/gu)).toHaveLength(1);
  });

  it("GIVEN U+2028 or U+2029 inside a line THEN it stays one command", async () => {
    const { out } = await session(["/video a fox\u2028in snow --dur 8\u2029--ar 9:16"]);
    expect(out.match(/Ready to generate/gu)).toHaveLength(1);
    expect(out).toContain("8 s · 9:16");
  });
});
