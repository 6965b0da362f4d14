import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { jobLogger } from "../../src/log/job-log.ts";
import { createLogger } from "../../src/log/logger.ts";
import { redactText } from "../../src/log/redact.ts";
import { secretValues } from "../../src/log/secrets.ts";

const TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123";
const KEY = "pv-live-0123456789abcdef";

function capture(secrets: readonly string[], pretty = false) {
  const lines: string[] = [];
  const log = createLogger({
    level: "info",
    pretty,
    secrets,
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { log, lines };
}

describe("logger", () => {
  it("GIVEN an error carrying the Discord token, a provider key, a signed URL and an Authorization header THEN none reaches the output", () => {
    const secrets = secretValues({
      discord: { token: TOKEN },
      providers: { pixverse: { apiKey: KEY, baseUrl: "https://app-api.pixverse.ai" } },
    });
    const { log, lines } = capture(secrets);
    const error = new Error(`request to https://discord.com/api/v10/users/@me with Bot ${TOKEN} failed`);
    Object.assign(error, {
      requestHeaders: { authorization: `Bot ${TOKEN}`, "api-key": KEY },
      url: "https://media.pixverse.ai/v/1.mp4?X-Amz-Signature=deadbeef&X-Amz-Expires=300",
    });
    log.error({ err: error, headers: { authorization: "Bearer r8_abcdefghijkl" } }, `failed with key ${KEY}`);

    const out = lines.join("");
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain(KEY);
    expect(out).not.toContain("deadbeef");
    expect(out).not.toContain("r8_abcdefghijkl");
    expect(out).toContain("https://media.pixverse.ai/v/1.mp4?[redacted]");
    // Still one JSON object a line, with the error's stack kept.
    const entry = JSON.parse(out) as { msg: string; err: { stack: string } };
    expect(entry.msg).toBe("failed with key [redacted]");
    expect(entry.err.stack).toContain("with Bot [redacted] failed");
  });

  it("GIVEN a job logger THEN every line carries the job id, platform, workspace and user", () => {
    const { log, lines } = capture([]);
    const job = { conversation: { platform: "discord" as const, workspaceId: "g1", userId: "u1" } };
    jobLogger(log, "job-1", job).warn("step failed");
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      level: 40,
      msg: "step failed",
      jobId: "job-1",
      platform: "discord",
      workspace: "g1",
      user: "u1",
    });
  });

  it("GIVEN a level THEN lines below it are dropped", () => {
    const { log, lines } = capture([]);
    log.debug("not shown");
    log.info("shown");
    expect(lines).toHaveLength(1);
  });
});

describe("redactText", () => {
  it.each([
    [
      "https://cdn.discordapp.com/attachments/1/2/a.png?ex=65&is=64&hm=abc123",
      "https://cdn.discordapp.com/attachments/1/2/a.png?[redacted]",
    ],
    ["https://example.com/page?q=foxes", "https://example.com/page?q=foxes"],
    [
      "PATCH /api/v10/webhooks/123456/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4/messages/@original",
      "PATCH /api/v10/webhooks/123456/[redacted]/messages/@original",
    ],
    ["Authorization: Bearer xoxb-1234-5678-abcdef", "Authorization: [redacted]"],
    ["token xoxb-1234-5678-abcdef expired", "token [redacted] expired"],
    ["postgres://framecast:hunter2@db:5432/framecast", "postgres://framecast:[redacted]@db:5432/framecast"],
    [
      '{"url":"see \\"https://s3/x?X-Amz-Signature=1\\" now"}',
      '{"url":"see \\"https://s3/x?[redacted]\\" now"}',
    ],
  ])("GIVEN %s THEN %s", (text, expected) => {
    expect(redactText(text, [])).toBe(expected);
  });
});

describe("LOG_LEVEL", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    ["debug", "debug"],
    [" WARN ", "warn"],
  ])("GIVEN %j THEN %j", (value, level) => {
    const loaded = loadConfig(value === undefined ? {} : { LOG_LEVEL: value });
    expect(loaded.ok && loaded.config.logLevel).toBe(level);
  });

  it("GIVEN an unknown level THEN the problem names LOG_LEVEL and the levels", () => {
    const loaded = loadConfig({ LOG_LEVEL: "loud" });
    expect(loaded.ok ? [] : loaded.problems).toEqual([
      "LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent",
    ]);
  });
});
