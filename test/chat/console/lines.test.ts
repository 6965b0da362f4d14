import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { readLines } from "../../../src/chat/console/lines.ts";
import { runCheck } from "../../../src/cli/check.ts";
import { DEFAULT_PRICING } from "../../../src/core/pricing.ts";

// Piped input is split at "\n" and "\r\n" only: U+2028, U+2029 and a lone "\r" are characters of
// one command (readline split at all three).

async function linesOf(chunks: (string | Buffer)[]): Promise<string[]> {
  const input = new PassThrough();
  for (const chunk of chunks) input.write(chunk);
  input.end();
  const lines: string[] = [];
  for await (const line of readLines(input)) lines.push(line);
  return lines;
}

describe("readLines", () => {
  it("GIVEN \\n, \\r\\n, U+2028, U+2029 and a lone \\r THEN split at \\n and \\r\\n only", async () => {
    expect(await linesOf(["a fox\u2028in snow\nb\r\nc\u2029d\re\n\nlast"])).toEqual([
      "a fox\u2028in snow",
      "b",
      "c\u2029d\re",
      "",
      "last",
    ]);
  });

  it("GIVEN a character and a \\r\\n split across chunks THEN the lines are whole", async () => {
    const bytes = Buffer.from("🦊 a fox\r\nb\n");
    expect(await linesOf([bytes.subarray(0, 2), bytes.subarray(2, 10), bytes.subarray(10)])).toEqual([
      "🦊 a fox",
      "b",
    ]);
  });

  it("GIVEN no input THEN no lines", async () => {
    expect(await linesOf([])).toEqual([]);
  });
});

describe("framecast check --stdin", () => {
  it("GIVEN a command with U+2028 in it THEN one command, one answer", async () => {
    const stdin = new PassThrough();
    stdin.end("a fox\u2028in snow --dur 8\n");
    let out = "";
    const code = await runCheck(["--json", "--stdin"], DEFAULT_PRICING, {
      stdin,
      out: (text) => {
        out += text;
      },
      err: () => {},
      render: { color: false, width: 100 },
    });
    const answers = out.trim().split("\n");
    expect(answers).toHaveLength(1);
    expect(code).toBe(0);
    expect(JSON.parse(answers[0] ?? "")).toMatchObject({ ok: true, request: { duration: 8 } });
  });
});
