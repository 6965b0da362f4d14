import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { DEFAULT_PRICE_TABLE, PROVIDER_PRICE_TABLES } from "../src/core/pricing.ts";

describe("config", () => {
  it("GIVEN no settings THEN defaults: one credit per cent, the default price table", () => {
    const r = loadConfig({});
    expect(r.ok && r.config.pricing).toEqual({
      table: DEFAULT_PRICE_TABLE,
      providers: PROVIDER_PRICE_TABLES,
      centsPerCredit: 1,
    });
  });

  it("GIVEN a partial price table THEN merges it over the defaults", () => {
    const r = loadConfig({
      FRAMECAST_PRICES: JSON.stringify({
        v6: { perSecondCents: { "1080p": 20 }, audioPerSecondCents: { "720p": 9 } },
      }),
    });
    if (!r.ok) throw new Error(r.problems.join());
    expect(r.config.pricing.table.v6.perSecondCents).toEqual({
      "360p": 7,
      "540p": 7,
      "720p": 7,
      "1080p": 20,
    });
    expect(r.config.pricing.table.v6.audioPerSecondCents["720p"]).toBe(9);
    expect(r.config.pricing.table["v5.6"]).toEqual(DEFAULT_PRICE_TABLE["v5.6"]);
  });

  it.each([
    [{ FRAMECAST_PRICES: "{not json" }, "FRAMECAST_PRICES: is not valid JSON"],
    [{ FRAMECAST_PRICES: JSON.stringify({ v7: {} }) }, "FRAMECAST_PRICES"],
    [
      { FRAMECAST_PRICES: JSON.stringify({ v6: { perSecondCents: { "720p": -1 } } }) },
      "FRAMECAST_PRICES.v6.perSecondCents.720p",
    ],
    [{ FRAMECAST_CREDIT_CENTS: "0" }, "FRAMECAST_CREDIT_CENTS: must be more than 0"],
    [{ FRAMECAST_CREDIT_CENTS: "abc" }, "FRAMECAST_CREDIT_CENTS"],
  ])("GIVEN %j THEN a problem naming %s", (env, problem) => {
    const r = loadConfig(env);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.problems.join("\n")).toContain(problem);
  });
});

describe("webhooks", () => {
  it("GIVEN a public URL and a port THEN providers are given <url>/webhooks/<provider>; a trailing slash is dropped", () => {
    const r = loadConfig({ FRAMECAST_PUBLIC_URL: "https://bot.example.com/framecast/", PORT: "8080" });
    expect(r.ok && r.config.publicUrl).toBe("https://bot.example.com/framecast");
    const none = loadConfig({});
    expect(none.ok && none.config.publicUrl).toBeUndefined();
  });

  it.each([
    [
      { FRAMECAST_PUBLIC_URL: "https://bot.example.com" },
      "FRAMECAST_PUBLIC_URL: webhooks arrive at the bot's HTTP server, so set PORT too",
    ],
    [
      { FRAMECAST_PUBLIC_URL: "ftp://bot.example.com", PORT: "8080" },
      "FRAMECAST_PUBLIC_URL: must be the http(s) URL",
    ],
    [
      { FRAMECAST_PUBLIC_URL: "bot.example.com", PORT: "8080" },
      "FRAMECAST_PUBLIC_URL: must be the http(s) URL",
    ],
    [
      { FRAMECAST_PUBLIC_URL: "https://bot.example.com/?x=1", PORT: "8080" },
      "FRAMECAST_PUBLIC_URL: must be a base URL without ? or #",
    ],
  ])("GIVEN %j THEN refused: %s", (env, problem) => {
    const r = loadConfig(env);
    expect(r.ok ? [] : r.problems.join("\n")).toContain(problem);
  });
});

describe("PixVerse webhooks", () => {
  it("GIVEN PIXVERSE_WEBHOOK_SECRET THEN the PixVerse client verifies deliveries with it; unset THEN polling only", () => {
    const r = loadConfig({ PIXVERSE_API_KEY: "pv-key", PIXVERSE_WEBHOOK_SECRET: "pv-secret-123" });
    expect(r.ok && r.config.providers.pixverse).toEqual({
      apiKey: "pv-key",
      baseUrl: "https://app-api.pixverse.ai",
      webhookSecret: "pv-secret-123",
    });
    const none = loadConfig({ PIXVERSE_API_KEY: "pv-key" });
    expect(none.ok && none.config.providers.pixverse?.webhookSecret).toBeUndefined();
  });
});

describe(".env.example", () => {
  it("GIVEN every example value uncommented THEN the config loads", async () => {
    const { readFile } = await import("node:fs/promises");
    const text = await readFile(new URL("../.env.example", import.meta.url), "utf8");
    const env: Record<string, string> = {};
    for (const line of text.split("\n")) {
      const match = /^# ([A-Z_]+)=(.*)$/u.exec(line);
      if (match?.[1] !== undefined) env[match[1]] = match[2] ?? "";
    }
    expect(Object.keys(env)).toContain("FRAMECAST_PRICES");
    const r = loadConfig(env);
    expect(r.ok ? "ok" : r.problems).toBe("ok");
  });
});

describe("storage and quota settings", () => {
  it("GIVEN nothing THEN the embedded database in ./data and 5 videos / 60 s a day", () => {
    const r = loadConfig({});
    if (!r.ok) throw new Error(r.problems.join());
    expect(r.config.databaseUrl).toBeUndefined();
    expect(r.config.dataDir).toBe("./data");
    expect(r.config.quota.userDefaults).toEqual({ day: { videos: 5, seconds: 60, credits: null } });
    expect(r.config.quota.concurrentPerUser).toBe(2);
  });

  it("GIVEN none and numbers THEN limits switch off or change; admins split on commas", () => {
    const r = loadConfig({
      FRAMECAST_USER_DAILY_VIDEOS: "none",
      FRAMECAST_USER_DAILY_CREDITS: "500",
      FRAMECAST_ADMINS: " a, b ,,",
    });
    if (!r.ok) throw new Error(r.problems.join());
    expect(r.config.quota.userDefaults.day).toEqual({ videos: null, seconds: 60, credits: 500 });
    expect(r.config.admins).toEqual(["a", "b"]);
  });

  it("GIVEN a DATABASE_URL that is not one THEN the problem is named without echoing the value", () => {
    const r = loadConfig({ DATABASE_URL: "mysql://root:hunter2@db/x" });
    expect(r.ok).toBe(false);
    const problems = r.ok ? "" : r.problems.join("\n");
    expect(problems).toContain("DATABASE_URL: must be a postgres:// URL");
    expect(problems).not.toContain("hunter2");
  });

  it("GIVEN a bad limit THEN named with what is allowed", () => {
    const r = loadConfig({ FRAMECAST_USER_DAILY_SECONDS: "lots" });
    expect(r.ok ? [] : r.problems).toEqual([
      'FRAMECAST_USER_DAILY_SECONDS: must be a whole number, or "none" for no limit',
    ]);
  });
});

describe("provider settings", () => {
  it("GIVEN no keys THEN the offline preview, 4 seconds", () => {
    const r = loadConfig({});
    expect(r.ok && r.config.providers).toEqual({ order: ["preview"], previewSeconds: 4 });
  });

  it("GIVEN a key but no choice THEN that provider; a choice and fallbacks THEN that order", () => {
    const a = loadConfig({ FAL_KEY: "k" });
    expect(a.ok && a.config.providers.order).toEqual(["fal"]);
    const b = loadConfig({
      FRAMECAST_PROVIDER: "runware",
      RUNWARE_API_KEY: "r",
      FRAMECAST_PROVIDER_FALLBACKS: "fal, preview",
      FAL_KEY: "f",
    });
    expect(b.ok && b.config.providers.order).toEqual(["runware", "fal", "preview"]);
  });

  it("GIVEN a base URL override THEN it is used; with a path THEN refused", () => {
    const ok = loadConfig({ PIXVERSE_API_KEY: "k", PIXVERSE_API_URL: "http://127.0.0.1:9000" });
    expect(ok.ok && ok.config.providers.pixverse?.baseUrl).toBe("http://127.0.0.1:9000");
    const bad = loadConfig({ PIXVERSE_API_URL: "https://proxy.example/openapi/v2" });
    expect(bad.ok ? [] : bad.problems).toEqual([
      "PIXVERSE_API_URL: must be a scheme and host only, e.g. https://api.example.com (clients add the paths); plain http only for this machine (127.0.0.1, localhost), since the key is sent there",
    ]);
  });

  it("GIVEN an API base over plain http to another machine THEN refused: the key or token would cross the network in clear", () => {
    const bad = loadConfig({
      PIXVERSE_API_URL: "http://proxy.example",
      DISCORD_API_URL: "http://proxy.example/api",
      SLACK_API_URL: "http://proxy.example/api/",
    });
    expect(bad.ok ? [] : bad.problems.map((p) => p.split(":")[0])).toEqual([
      "DISCORD_API_URL",
      "SLACK_API_URL",
      "PIXVERSE_API_URL",
    ]);
    expect(
      loadConfig({ DISCORD_API_URL: "http://localhost:9/api", SLACK_API_URL: "http://[::1]:9/api/" }).ok,
    ).toBe(true);
  });

  it.each([
    [{ FRAMECAST_PROVIDER: "fal" }, "FRAMECAST_PROVIDER: is fal, but FAL_KEY is not set"],
    [
      { FRAMECAST_PROVIDER: "cloudflare", CLOUDFLARE_API_TOKEN: "t" },
      "FRAMECAST_PROVIDER: is cloudflare, but CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN are not set",
    ],
    [
      { FRAMECAST_PROVIDER_FALLBACKS: "replicate" },
      "FRAMECAST_PROVIDER_FALLBACKS: lists replicate, but REPLICATE_API_TOKEN is not set",
    ],
    [
      { FRAMECAST_PROVIDER: "nope" },
      "FRAMECAST_PROVIDER: must be one of pixverse, fal, replicate, runware, cloudflare, lumenfall, aigateway, preview",
    ],
    [
      { FRAMECAST_PREVIEW_SECONDS: "-1" },
      "FRAMECAST_PREVIEW_SECONDS: must be a number of seconds from 0 to 600",
    ],
  ])("GIVEN %j THEN the problem says what to set", (env, problem) => {
    const r = loadConfig(env);
    expect(r.ok ? "" : r.problems.join("\n")).toContain(problem);
  });

  it("GIVEN keys THEN they never appear in problems", () => {
    const r = loadConfig({ FAL_KEY: "super-secret-key", FAL_QUEUE_URL: "nope" });
    expect(r.ok ? "" : r.problems.join("\n")).not.toContain("super-secret-key");
  });
});

describe("Discord settings", () => {
  it("GIVEN no token THEN no Discord; the API defaults to Discord's", () => {
    const r = loadConfig({ DISCORD_TOKEN: "" });
    if (!r.ok) throw new Error(r.problems.join());
    expect(r.config.discord).toEqual({
      token: undefined,
      guildId: undefined,
      apiUrl: "https://discord.com/api",
      messageContent: false,
      publicKey: undefined,
      gateway: true,
      shards: undefined,
    });
  });

  it("GIVEN shards THEN auto, or ids with their total; ids without a total or beyond it are named", () => {
    const auto = loadConfig({ DISCORD_SHARDS: "auto" });
    expect(auto.ok && auto.config.discord.shards).toBe("auto");
    const some = loadConfig({ DISCORD_SHARDS: "0, 2", DISCORD_SHARD_COUNT: "4" });
    expect(some.ok && some.config.discord.shards).toEqual({ ids: [0, 2], count: 4 });
    const noTotal = loadConfig({ DISCORD_SHARDS: "1" });
    expect(noTotal.ok ? "" : noTotal.problems.join()).toContain("DISCORD_SHARD_COUNT");
    const beyond = loadConfig({ DISCORD_SHARDS: "0,2", DISCORD_SHARD_COUNT: "2" });
    expect(beyond.ok ? "" : beyond.problems.join()).toContain("shard ids are 0 to 1");
    const typo = loadConfig({ DISCORD_SHARDS: "all" });
    expect(typo.ok ? "" : typo.problems.join()).toContain("DISCORD_SHARDS");
  });

  it("GIVEN a token, a guild and a local API THEN all three; a bad guild id is named, the token never shown", () => {
    const r = loadConfig({
      DISCORD_TOKEN: "secret-token-value",
      DISCORD_GUILD_ID: "123456789012345678",
      DISCORD_API_URL: "http://127.0.0.1:9999/api/",
      DISCORD_MESSAGE_CONTENT: "true",
    });
    expect(r.ok && r.config.discord).toEqual({
      token: "secret-token-value",
      guildId: "123456789012345678",
      apiUrl: "http://127.0.0.1:9999/api",
      messageContent: true,
      publicKey: undefined,
      gateway: true,
      shards: undefined,
    });
    const typo = loadConfig({ DISCORD_MESSAGE_CONTENT: "ture" });
    expect(typo.ok ? "" : typo.problems.join()).toContain("DISCORD_MESSAGE_CONTENT");
    const bad = loadConfig({ DISCORD_TOKEN: "secret-token-value", DISCORD_GUILD_ID: "general" });
    const problems = bad.ok ? "" : bad.problems.join("\n");
    expect(problems).toContain("DISCORD_GUILD_ID");
    expect(problems).not.toContain("secret-token-value");
  });

  it("GIVEN a public key THEN HTTP interactions (lower-cased); a wrong key, or one without token or PORT, is named", () => {
    const key = "A".repeat(64);
    const r = loadConfig({
      DISCORD_TOKEN: "t",
      DISCORD_PUBLIC_KEY: key,
      PORT: "8080",
      DISCORD_GATEWAY: "false",
    });
    expect(r.ok && r.config.discord).toMatchObject({ publicKey: "a".repeat(64), gateway: false });
    const short = loadConfig({ DISCORD_TOKEN: "t", DISCORD_PUBLIC_KEY: "abc123", PORT: "8080" });
    expect(short.ok ? "" : short.problems.join()).toMatch(/DISCORD_PUBLIC_KEY: .*64 hex characters/u);
    const noPort = loadConfig({ DISCORD_TOKEN: "t", DISCORD_PUBLIC_KEY: key });
    expect(noPort.ok ? "" : noPort.problems.join()).toContain("PORT: Discord's HTTP interactions");
    const noToken = loadConfig({ DISCORD_PUBLIC_KEY: key, PORT: "8080" });
    expect(noToken.ok ? "" : noToken.problems.join()).toContain("DISCORD_PUBLIC_KEY: set DISCORD_TOKEN");
    const deaf = loadConfig({ DISCORD_TOKEN: "t", DISCORD_GATEWAY: "false" });
    expect(deaf.ok ? "" : deaf.problems.join()).toContain("DISCORD_GATEWAY: without the gateway");
  });
});
