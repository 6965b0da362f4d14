import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/cli/doctor/findings.ts";
import { type DoctorChecks, runDoctor } from "../../src/cli/doctor/run-doctor.ts";
import { checkDatabase } from "../../src/cli/doctor/system.ts";
import { FakeDiscord } from "../fakes/discord/index.ts";
import { closeServer, listenLoopback } from "../fakes/loopback.ts";
import { FakePixverse } from "../fakes/pixverse.ts";
import { FakeSlack } from "../fakes/slack/index.ts";
import { runCli } from "../support/run-cli.ts";

// Doctor against the loopback fakes, on the suite's database (a fresh embedded one, or the
// PostgreSQL server at DATABASE_URL).

const discord = new FakeDiscord();
const pixverse = new FakePixverse();
const slack = new FakeSlack();
beforeAll(async () => {
  await Promise.all([discord.start(), pixverse.start(), slack.start()]);
});
afterAll(async () => {
  await Promise.all([discord.stop(), pixverse.stop(), slack.stop()]);
});

/** A loopback port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Stands in for the database check where a test is not about it (an embedded one takes seconds to open). */
const NO_DATABASE = {
  database: async (): Promise<Finding> => ({ subject: "database", verdict: "ok", message: "not opened" }),
};

async function doctor(
  env: NodeJS.ProcessEnv,
  checks: DoctorChecks = NO_DATABASE,
): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await runDoctor(
    {
      PATH: process.env.PATH,
      FRAMECAST_DATA_DIR: mkdtempSync(join(tmpdir(), "framecast-doctor-")),
      DATABASE_URL: process.env.DATABASE_URL ?? "",
      ...env,
    },
    (text) => {
      out += text;
    },
    checks,
  );
  return { code, out };
}

describe("framecast doctor", () => {
  it("GIVEN a good Discord token and PixVerse key THEN every check passes and names the bot", async () => {
    const r = await doctor({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: `${discord.restUrl}/api`,
      PIXVERSE_API_KEY: pixverse.apiKey,
      PIXVERSE_API_URL: pixverse.baseUrl,
      PORT: "8080",
    });
    expect(r.out).toContain(`✓ Discord: DISCORD_TOKEN works: the bot is ${discord.world.bot.username}`);
    expect(r.out).toContain("✓ provider PixVerse: PIXVERSE_API_KEY works: 1500 credits left");
    expect(r.out).toMatch(/✓ ffmpeg: ffmpeg version/u);
    expect(r.out).toContain("No problems found.");
    expect(r.code).toBe(0);
  });

  it("GIVEN a bad Discord token and a bad PixVerse key THEN says which was refused and why, without either value", async () => {
    const token = `${discord.token}x`;
    const key = "pv-wrong-key-123";
    const r = await doctor({
      DISCORD_TOKEN: token,
      DISCORD_API_URL: `${discord.restUrl}/api`,
      PIXVERSE_API_KEY: key,
      PIXVERSE_API_URL: pixverse.baseUrl,
    });
    expect(r.out).toContain("✗ Discord: DISCORD_TOKEN was refused by Discord (401): 401: Unauthorized");
    expect(r.out).toContain(
      "✗ provider PixVerse: PIXVERSE_API_KEY was refused by PixVerse (ErrCode 10002: API-KEY is invalid)",
    );
    expect(r.out).toContain("2 problems found");
    expect(r.out).not.toContain(token);
    expect(r.out).not.toContain(key);
    expect(r.code).toBe(1);
  });

  it("GIVEN Slack tokens, good then bad THEN auth.test says which works and which was refused", async () => {
    const env = { SLACK_SIGNING_SECRET: slack.signingSecret, PORT: "8080", SLACK_API_URL: slack.apiUrl };
    const good = await doctor({ ...env, SLACK_BOT_TOKEN: slack.token });
    expect(good.out).toMatch(/✓ Slack: SLACK_BOT_TOKEN works: the bot is \w+ in framecast test\n/u);
    const badToken = "xoxb-1111-2222-notthetoken";
    const bad = await doctor({ ...env, SLACK_BOT_TOKEN: badToken });
    expect(bad.out).toContain("✗ Slack: SLACK_BOT_TOKEN was refused by Slack (invalid_auth)");
    expect(bad.out).not.toContain(badToken);
    expect(bad.code).toBe(1);
  });

  it("GIVEN Slack OAuth client credentials, right then wrong THEN oauth.v2.access with a made-up code tells", async () => {
    const env = {
      SLACK_SIGNING_SECRET: slack.signingSecret,
      PORT: "8080",
      SLACK_API_URL: slack.apiUrl,
      SLACK_CLIENT_ID: slack.clientId,
      SLACK_STATE_SECRET: "a-long-random-state-secret",
    };
    const good = await doctor({ ...env, SLACK_CLIENT_SECRET: slack.clientSecret });
    expect(good.out).toContain("✓ Slack: SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are accepted by Slack");
    const bad = await doctor({ ...env, SLACK_CLIENT_SECRET: "not-the-client-secret" });
    expect(bad.out).toContain(
      "✗ Slack: SLACK_CLIENT_ID or SLACK_CLIENT_SECRET was refused by Slack (invalid_client_id)",
    );
    expect(bad.out).not.toContain("not-the-client-secret");
    expect(bad.code).toBe(1);
  });

  it("GIVEN Replicate and Cloudflare tokens THEN each is checked with its own account call", async () => {
    // Their documented answers (replicate.com/docs: GET /v1/account; Cloudflare: tokens/verify).
    const { server, baseUrl } = await listenLoopback((req, res) => {
      const good = req.headers.authorization === "Bearer good-token-123";
      const [status, body] =
        req.url === "/v1/account"
          ? good
            ? [200, { type: "user", username: "ana", name: "Ana" }]
            : [401, { title: "Unauthenticated", detail: "You did not pass a valid authentication token" }]
          : good
            ? [200, { success: true, errors: [], result: { status: "active" } }]
            : [401, { success: false, errors: [{ code: 1000, message: "Invalid API Token" }] }];
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    try {
      const env = (token: string) => ({
        REPLICATE_API_TOKEN: token,
        REPLICATE_API_URL: baseUrl,
        CLOUDFLARE_ACCOUNT_ID: "acc",
        CLOUDFLARE_API_TOKEN: token,
        CLOUDFLARE_API_URL: baseUrl,
        FRAMECAST_PROVIDER: "replicate",
        FRAMECAST_PROVIDER_FALLBACKS: "cloudflare",
      });
      const good = await doctor(env("good-token-123"));
      expect(good.out).toContain("✓ provider Replicate: REPLICATE_API_TOKEN works: account ana");
      expect(good.out).toContain("✓ provider Cloudflare: CLOUDFLARE_API_TOKEN works");
      const bad = await doctor(env("bad-token-456"));
      expect(bad.out).toContain(
        "✗ provider Replicate: REPLICATE_API_TOKEN was refused by Replicate (401: You did not pass a valid authentication token)",
      );
      expect(bad.out).toContain(
        "✗ provider Cloudflare: CLOUDFLARE_API_TOKEN was refused by Cloudflare (401: Invalid API Token)",
      );
      expect(bad.out).not.toContain("bad-token-456");
    } finally {
      await closeServer(server);
    }
  });

  it("GIVEN Discord unreachable and no ffmpeg on PATH THEN Discord is a problem, ffmpeg the bundled build", async () => {
    const closed = await closedPort();
    const r = await doctor({
      DISCORD_TOKEN: "a-token-value",
      DISCORD_API_URL: `http://127.0.0.1:${closed}/api`,
      PATH: "/nonexistent",
    });
    expect(r.out).toContain(`✗ Discord: couldn't reach Discord at 127.0.0.1:${closed}: ECONNREFUSED`);
    expect(r.out).toMatch(/✓ ffmpeg: ffmpeg version .* \(bundled by npm install\)/u);
    expect(r.out).toMatch(/✓ ffprobe: ffprobe version .* \(bundled by npm install\)/u);
    expect(r.code).toBe(1);
  });

  it("GIVEN FFMPEG_PATH at nothing THEN ffmpeg is a problem naming the variable", async () => {
    const r = await doctor({ FFMPEG_PATH: "/nonexistent/ffmpeg" });
    expect(r.out).toContain(
      "✗ ffmpeg: FFMPEG_PATH (/nonexistent/ffmpeg) does not run\n    → Point FFMPEG_PATH",
    );
    expect(r.code).toBe(1);
  });

  it("GIVEN a database that can't be reached THEN says so without the URL's password", async () => {
    const r = await doctor(
      { DATABASE_URL: `postgres://framecast:hunter2secret@127.0.0.1:${await closedPort()}/framecast` },
      { database: checkDatabase },
    );
    expect(r.out).toMatch(/✗ database: framecast can't use the database at DATABASE_URL: .*ECONNREFUSED/u);
    expect(r.out).not.toContain("hunter2secret");
    expect(r.code).toBe(1);
  });
});

describe("framecast doctor (process)", () => {
  it("GIVEN no configuration THEN explains the console works and what to set for Discord, Slack and providers", async () => {
    const r = await runCli(["doctor"], "", { DATABASE_URL: process.env.DATABASE_URL ?? "" });
    expect(r.stdout).toContain("! chat platforms: none configured: framecast start runs the console chat");
    expect(r.stdout).toContain("Discord: set DISCORD_TOKEN");
    expect(r.stdout).toContain("Slack:");
    expect(r.stdout).toContain("! video providers: no provider key set");
    expect(r.stdout).toContain("PIXVERSE_API_KEY");
    // A fresh embedded database has no tables yet; the shared PostgreSQL test database may.
    expect(r.stdout).toMatch(
      /! database: .* answers; framecast's tables aren't there yet\n {4}→ framecast start applies them|✓ database: .* answers; its tables are up to date/u,
    );
    expect(r.stdout).toContain("No problems found.");
    expect(r.code).toBe(0);
  }, 30_000);

  it("GIVEN a bad setting THEN names it, checks nothing else and exits 1", async () => {
    const r = await runCli(["doctor"], "", { FRAMECAST_CREDIT_CENTS: "lots" });
    expect(r.stdout).toContain("✗ configuration: FRAMECAST_CREDIT_CENTS");
    expect(r.stdout).toContain("nothing else was checked");
    expect(r.code).toBe(1);
  }, 30_000);
});
