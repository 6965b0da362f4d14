import { describe, expect, it } from "vitest";
import { parseCheckArgs, runCheck } from "../../src/cli/check.ts";
import { DEFAULT_PRICING } from "../../src/core/pricing.ts";
import { runCli } from "../support/run-cli.ts";

describe("framecast check arguments", () => {
  it.each([
    [["a fox"], { json: false, stdin: false, text: "a fox" }],
    [["--json", "a fox"], { json: true, stdin: false, text: "a fox" }],
    [["--json", "--", "--ar 9:16 a fox"], { json: true, stdin: false, text: "--ar 9:16 a fox" }],
    [["--", "--json"], { json: false, stdin: false, text: "--json" }],
    [["--json", "--stdin"], { json: true, stdin: true, text: undefined }],
  ])("GIVEN %j THEN %j", (args, expected) => {
    expect(parseCheckArgs(args)).toEqual(expected);
  });

  it.each([[[]], [["a", "fox"]], [["--ar", "9:16"]], [["--stdin", "a fox"]]])(
    "GIVEN %j THEN usage",
    (args) => {
      expect(parseCheckArgs(args)).toHaveProperty("usage");
    },
  );
});

describe("framecast check's words", () => {
  it("GIVEN a command with a mistake THEN the errors, and no word of charging: a check charges nothing", async () => {
    let out = "";
    const code = await runCheck(["a fox duration:7"], DEFAULT_PRICING, {
      stdin: process.stdin,
      out: (t) => {
        out += t;
      },
      err: () => {},
      render: { color: false, width: 100 },
    });
    expect(code).toBe(1);
    expect(out).toBe(
      [
        "✗ That command has a problem",
        "  • Duration 7 s isn't available. v5.6 supports 5, 8 or 10 seconds; did you mean 8? v6 and c1 support 1–15.",
        "  Fix the command and check it again; /framecast help in chat explains every option.",
        "",
      ].join("\n"),
    );
  });
});

describe("framecast check (process)", () => {
  it("GIVEN --json and text after -- THEN prints the request and cost and exits 0", async () => {
    const r = await runCli(["check", "--json", "--", "--ar 9:16 a fox in snow --dur 8"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: true,
      request: {
        model: "v5.6",
        mode: "text-to-video",
        prompt: "a fox in snow",
        negativePrompt: null,
        duration: 8,
        ratio: "9:16",
        quality: "720p",
        audio: true,
        seed: null,
        style: null,
        motion: "normal",
        thinking: "auto",
        shots: false,
        firstFrame: null,
        lastFrame: null,
      },
      cost: { credits: 56, usdCents: 56 },
    });
  });

  it("GIVEN a bad command THEN prints every error as JSON and exits 1", async () => {
    const r = await runCli(["check", "--json", "a fox duration:7 quality:4k"]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; errors: { code: string; field: string }[] };
    expect(out.ok).toBe(false);
    expect(out.errors.map((e) => [e.code, e.field])).toEqual([
      ["invalid_duration", "duration"],
      ["invalid_quality", "quality"],
    ]);
  });

  it("GIVEN --stdin THEN one JSON object per input line", async () => {
    const r = await runCli(
      ["check", "--json", "--stdin"],
      "a fox\n/video a fox --model v6 --dur 15\nduration:3\n",
    );
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { ok: boolean });
    expect(lines.map((l) => l.ok)).toEqual([true, true, false]);
    expect(r.code).toBe(1);
  });

  it("GIVEN no --json THEN prints a readable summary", async () => {
    const r = await runCli(["check", "a fox --ar 9:16"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("This command would make");
    expect(r.stdout).toContain("5 s · 9:16 · 720p · audio on");
    expect(r.stdout).toContain("35 credits ($0.35 list price)");
  });

  it("GIVEN a bad price setting THEN refuses to start and names the variable", async () => {
    const r = await runCli(["check", "a fox"], "", { FRAMECAST_CREDIT_CENTS: "lots" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("FRAMECAST_CREDIT_CENTS");
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/u);
  });

  it("GIVEN an unknown command THEN prints usage and exits 2", async () => {
    const r = await runCli(["dance"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown command");
  });
});

describe("framecast start without tokens (process)", () => {
  it("GIVEN piped commands THEN the real engine makes a preview video, charges it, and exits when it is done", async () => {
    const r = await runCli(["start"], "/video a fox in snow --model v6 --dur 1 --q 360p\n/help\n", {
      FRAMECAST_PREVIEW_SECONDS: "0",
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Queued · #1 in line");
    expect(r.stdout).toContain("framecast: AI video from a sentence");
    expect(r.stdout).toContain("Your video is ready");
    expect(r.stdout).toMatch(/Video saved to \S+\.mp4/u);
    expect(r.stdout).toContain("7 credits ($0.07 list price)");
    expect(r.stderr).toBe("");
  }, 60_000);
});

describe("framecast check and the configured provider", () => {
  it("GIVEN a provider that can't make the video THEN an unsupported_by_provider error naming why", async () => {
    const r = await runCli(["check", "--json", "a fox --style anime"], "", {
      FRAMECAST_PROVIDER: "cloudflare",
      CLOUDFLARE_ACCOUNT_ID: "acc",
      CLOUDFLARE_API_TOKEN: "token",
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      errors: [
        {
          code: "unsupported_by_provider",
          field: "provider",
          message:
            "The configured provider can't make this video: cloudflare: Cloudflare's PixVerse models take no style.",
        },
      ],
    });
  });

  it("GIVEN a fallback that can THEN the request checks out", async () => {
    const r = await runCli(["check", "--json", "a fox --style anime"], "", {
      FRAMECAST_PROVIDER: "cloudflare",
      CLOUDFLARE_ACCOUNT_ID: "acc",
      CLOUDFLARE_API_TOKEN: "token",
      FRAMECAST_PROVIDER_FALLBACKS: "preview",
    });
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
  });
});
