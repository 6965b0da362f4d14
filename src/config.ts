// The only reader of process.env. Validates everything once, at start-up, and says precisely
// which variable is wrong and what it accepts. Values of secrets are never echoed.

import { z } from "zod";
import { credentialSafe } from "./core/hosts.ts";
import {
  DEFAULT_PRICE_TABLE,
  mergePriceTable,
  type Pricing,
  priceTableOverrideSchema,
} from "./core/pricing.ts";
import type { DefaultUserLimits } from "./core/quota/policy.ts";
import { LOG_LEVELS, type LogLevel } from "./log/levels.ts";
import { type ProviderSettings, providerEnvSchema, providerSettings } from "./providers/settings.ts";

/** The bot's token goes to these URLs: never over plain http across a network. */
const HTTPS_FOR_TOKENS =
  "must be https (plain http only for this machine, 127.0.0.1 or localhost), since the bot's token is sent there";

const jsonText = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: "custom", message: "is not valid JSON" });
    return z.NEVER;
  }
});

/** A count that may be switched off: "none" or "" means no limit. */
const limit = (fallback: number | null) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return fallback;
      const text = v.trim().toLowerCase();
      if (text === "" || text === "none" || text === "unlimited") return null;
      if (!/^\d+$/u.test(text)) {
        ctx.addIssue({ code: "custom", message: 'must be a whole number, or "none" for no limit' });
        return z.NEVER;
      }
      return Number(text);
    });

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  );

/** An optional secret: trimmed, empty is unset, checked against `shape` (the value is never echoed). */
const secret = (shape: RegExp, message: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
    .refine((v) => v === undefined || shape.test(v), { message });

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "" || /^postgres(?:ql)?:\/\/\S+$/u.test(v), {
      message: "must be a postgres:// URL (its value is not shown, since it may hold a password)",
    }),
  FRAMECAST_DATA_DIR: z.string().min(1).default("./data"),
  FRAMECAST_DB_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,50}$/u, "must be a lower-case SQL identifier, e.g. framecast")
    .optional(),
  FRAMECAST_STEP_EXPIRY_SECONDS: z.coerce.number().int().min(2).max(3600).default(600),
  FRAMECAST_CREDIT_CENTS: z.coerce
    .number({ message: "must be a number of US cents, e.g. 1" })
    .positive("must be more than 0")
    .max(100_000)
    .default(1),
  FRAMECAST_PRICES: jsonText.pipe(priceTableOverrideSchema).optional(),
  FRAMECAST_USER_DAILY_VIDEOS: limit(5),
  FRAMECAST_USER_DAILY_SECONDS: limit(60),
  FRAMECAST_USER_DAILY_CREDITS: limit(null),
  FRAMECAST_USER_CONCURRENT: limit(2),
  FRAMECAST_WORKSPACE_CONCURRENT: limit(null),
  FRAMECAST_GLOBAL_CONCURRENT: limit(null),
  FRAMECAST_ADMINS: list,
  FRAMECAST_MEDIA_HOSTS: list,
  PORT: z.coerce.number({ message: "must be a port number" }).int().min(0).max(65535).optional(),
  FRAMECAST_PUBLIC_URL: z
    .url({
      protocol: /^https?$/u,
      message: "must be the http(s) URL this bot's PORT is reachable at, e.g. https://framecast.example.com",
    })
    .transform((u) => u.replace(/\/+$/u, ""))
    .refine((u) => !/[?#]/u.test(u), { message: "must be a base URL without ? or #" })
    .optional(),
  /** Secret: its value is never echoed. Empty counts as unset. */
  DISCORD_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim())),
  DISCORD_GUILD_ID: z
    .string()
    .regex(/^(?:\d{17,20})?$/u, "must be a server (guild) id: 17–20 digits (Developer Mode → Copy Server ID)")
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/u, message: "must be an http(s) URL, e.g. https://discord.com/api" })
    .refine((u) => credentialSafe(new URL(u)), { message: HTTPS_FOR_TOKENS })
    .transform((u) => u.replace(/\/+$/u, ""))
    .default("https://discord.com/api"),
  /** "auto", or the shard ids this instance connects (e.g. "0,1"), with DISCORD_SHARD_COUNT. */
  DISCORD_SHARDS: z
    .string()
    .trim()
    .regex(/^(?:auto|\d{1,4}(?:\s*,\s*\d{1,4})*|)$/u, 'must be "auto" or shard ids like 0,1')
    .optional()
    .transform((v) =>
      v === undefined || v === "" ? undefined : v === "auto" ? "auto" : v.split(",").map(Number),
    ),
  DISCORD_SHARD_COUNT: z.coerce
    .number({ message: "must be the total number of shards across all instances, e.g. 2" })
    .int()
    .min(1)
    .max(10_000)
    .optional(),
  /** The privileged Message Content intent (enable it in the Developer Portal first). */
  DISCORD_MESSAGE_CONTENT: z
    .string()
    .regex(/^(?:true|false|1|0|yes|no|)$/iu, "must be true or false")
    .optional()
    .transform((v) => v !== undefined && /^(?:true|1|yes)$/iu.test(v)),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim().toLowerCase()))
    .pipe(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(", ")}` }).optional()),
  /** Secrets: their values are never echoed. Empty counts as unset. */
  SLACK_BOT_TOKEN: secret(
    /^xoxb-/u,
    "must be a bot token (xoxb-…): OAuth & Permissions → Bot User OAuth Token",
  ),
  SLACK_SIGNING_SECRET: secret(
    /^[0-9a-f]{16,}$/u,
    "must be the app's signing secret: Basic Information → Signing Secret",
  ),
  SLACK_APP_TOKEN: secret(
    /^xapp-/u,
    "must be an app-level token (xapp-…) with connections:write, for Socket Mode",
  ),
  SLACK_CLIENT_ID: secret(/^\d+\.\d+$/u, "must be the app's client id (Basic Information)"),
  SLACK_CLIENT_SECRET: secret(/^\S+$/u, "must be the app's client secret"),
  SLACK_STATE_SECRET: secret(/^\S+$/u, "must be a random string"),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/u, message: "must be an http(s) URL, e.g. https://slack.com/api/" })
    .refine((u) => credentialSafe(new URL(u)), { message: HTTPS_FOR_TOKENS })
    .transform((u) => (u.endsWith("/") ? u : `${u}/`))
    .default("https://slack.com/api/"),
  /** ffmpeg/ffprobe to run instead of the system's (PATH) or the bundled build. */
  FFMPEG_PATH: z.string().trim().min(1, "must be the path of an ffmpeg binary").optional(),
  FFPROBE_PATH: z.string().trim().min(1, "must be the path of an ffprobe binary").optional(),
  NO_COLOR: z.string().optional(),
  COLUMNS: z.coerce.number().int().positive().optional(),
  USER: z.string().optional(),
});

export interface Config {
  readonly pricing: Pricing;
  /** PostgreSQL when set; otherwise the embedded database in `dataDir`. Secret: never logged. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** A PostgreSQL schema of its own (tables, and its queue in `<schema>_boss`); unset: public and pgboss. */
  readonly dbSchema: string | undefined;
  /** How long one engine step may run before another instance takes it over (a crashed worker's step). */
  readonly stepExpirySeconds: number;
  readonly quota: {
    /** Per-user limits that apply where no admin policy does. */
    readonly userDefaults: DefaultUserLimits;
    readonly concurrentPerUser: number | null;
    readonly concurrentPerWorkspace: number | null;
    /** Jobs worked on at once across every workspace (the provider account's own limit). */
    readonly concurrentGlobal: number | null;
  };
  /** User ids that may run /framecast admin in every workspace. */
  readonly admins: readonly string[];
  /** The HTTP server's port (webhooks, health, metrics); unset: no server (the console alone). */
  readonly port: number | undefined;
  /**
   * Where providers can reach this bot's PORT from the internet; set, providers that send webhooks
   * wake a job the moment its video is ready, instead of at the next poll.
   */
  readonly publicUrl: string | undefined;
  /** Extra hosts media may be fetched from (`host[:port]`), beyond the platforms and providers. */
  readonly mediaHosts: readonly string[];
  /** Video providers, in the order they are tried. Secrets: never logged. */
  readonly providers: ProviderSettings;
  /** Discord: set with a bot token, `start` runs the Discord bot. */
  readonly discord: {
    /** Secret: never logged. */
    readonly token: string | undefined;
    /** Commands are registered to this guild only (development); unset: globally. */
    readonly guildId: string | undefined;
    /** Discord's API base, without the version (a fake in tests). */
    readonly apiUrl: string;
    /** Read others' messages (replies that mention the bot can then see the picture replied to). */
    readonly messageContent: boolean;
    /** Gateway shards this instance connects; unset: one shard (a bot in fewer than 2,500 servers). */
    readonly shards: "auto" | { readonly ids: readonly number[]; readonly count: number } | undefined;
  };
  /** Unset: info for the bots, warn for the console (its terminal is the chat). */
  readonly logLevel: LogLevel | undefined;
  /** Slack: set with a bot token or OAuth settings, `start` runs the Slack bot. Secrets: never logged. */
  readonly slack: {
    /** One workspace. */
    readonly botToken: string | undefined;
    /** Several workspaces, each installing through /slack/install (HTTP mode). */
    readonly oauth:
      | { readonly clientId: string; readonly clientSecret: string; readonly stateSecret: string }
      | undefined;
    /** HTTP mode: requests to PORT's /slack/events are checked with it. */
    readonly signingSecret: string | undefined;
    /** Socket Mode (development): connects out, no public URL needed. */
    readonly appToken: string | undefined;
    /** The Web API base with its trailing slash (a fake in tests). */
    readonly apiUrl: string;
  };
  /** ffmpeg and ffprobe set by the operator; unset: the system's on PATH, else the bundled build. */
  readonly media: { readonly ffmpeg?: string; readonly ffprobe?: string };
  readonly color: boolean;
  readonly columns: number | undefined;
  /** The console user's name. */
  readonly userName: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Shard ids need the total count, and each must be below it. */
function shardProblems(e: z.infer<typeof envSchema>): string[] {
  const shards = e.DISCORD_SHARDS;
  if (shards === undefined || shards === "auto") return [];
  const count = e.DISCORD_SHARD_COUNT;
  if (count === undefined)
    return ["DISCORD_SHARDS: give the total across all instances in DISCORD_SHARD_COUNT too (e.g. 2)"];
  const outside = shards.filter((id) => id >= count);
  return outside.length === 0
    ? []
    : [
        `DISCORD_SHARDS: ${outside.join(", ")} is not below DISCORD_SHARD_COUNT (${count}); shard ids are 0 to ${count - 1}`,
      ];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const parsed = envSchema.safeParse(env);
  const providerEnv = providerEnvSchema.safeParse(env);
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues),
    ...(providerEnv.success ? [] : providerEnv.error.issues),
  ];
  const problems = issues.map((issue) => {
    const name = issue.path.filter((p) => typeof p === "string").join(".");
    return `${name || "environment"}: ${issue.message}`;
  });
  const providers = providerEnv.success ? providerSettings(providerEnv.data) : undefined;
  if (providers !== undefined && !providers.ok) problems.push(...providers.problems);
  if (parsed.success && parsed.data.FRAMECAST_PUBLIC_URL !== undefined && parsed.data.PORT === undefined)
    problems.push(
      "FRAMECAST_PUBLIC_URL: webhooks arrive at the bot's HTTP server, so set PORT too (e.g. PORT=8080)",
    );
  if (parsed.success) problems.push(...slackProblems(parsed.data), ...shardProblems(parsed.data));
  if (!parsed.success || providers === undefined || !providers.ok || problems.length > 0)
    return { ok: false, problems };
  const e = parsed.data;
  const table =
    e.FRAMECAST_PRICES === undefined
      ? DEFAULT_PRICE_TABLE
      : mergePriceTable(DEFAULT_PRICE_TABLE, e.FRAMECAST_PRICES);
  const daily = {
    videos: e.FRAMECAST_USER_DAILY_VIDEOS,
    seconds: e.FRAMECAST_USER_DAILY_SECONDS,
    credits: e.FRAMECAST_USER_DAILY_CREDITS,
  };
  return {
    ok: true,
    config: {
      pricing: { table, centsPerCredit: e.FRAMECAST_CREDIT_CENTS },
      databaseUrl: e.DATABASE_URL === "" ? undefined : e.DATABASE_URL,
      dataDir: e.FRAMECAST_DATA_DIR,
      dbSchema: e.FRAMECAST_DB_SCHEMA,
      stepExpirySeconds: e.FRAMECAST_STEP_EXPIRY_SECONDS,
      quota: {
        userDefaults: { day: daily },
        concurrentPerUser: e.FRAMECAST_USER_CONCURRENT,
        concurrentPerWorkspace: e.FRAMECAST_WORKSPACE_CONCURRENT,
        concurrentGlobal: e.FRAMECAST_GLOBAL_CONCURRENT,
      },
      admins: e.FRAMECAST_ADMINS,
      providers: providers.settings,
      mediaHosts: e.FRAMECAST_MEDIA_HOSTS,
      port: e.PORT,
      publicUrl: e.FRAMECAST_PUBLIC_URL,
      discord: {
        token: e.DISCORD_TOKEN,
        guildId: e.DISCORD_GUILD_ID,
        apiUrl: e.DISCORD_API_URL,
        messageContent: e.DISCORD_MESSAGE_CONTENT,
        shards:
          e.DISCORD_SHARDS === undefined || e.DISCORD_SHARDS === "auto"
            ? e.DISCORD_SHARDS
            : { ids: e.DISCORD_SHARDS, count: e.DISCORD_SHARD_COUNT ?? 1 },
      },
      slack: {
        botToken: e.SLACK_BOT_TOKEN,
        oauth:
          e.SLACK_CLIENT_ID === undefined ||
          e.SLACK_CLIENT_SECRET === undefined ||
          e.SLACK_STATE_SECRET === undefined
            ? undefined
            : {
                clientId: e.SLACK_CLIENT_ID,
                clientSecret: e.SLACK_CLIENT_SECRET,
                stateSecret: e.SLACK_STATE_SECRET,
              },
        signingSecret: e.SLACK_SIGNING_SECRET,
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL,
      },
      logLevel: e.LOG_LEVEL,
      media: {
        ...(e.FFMPEG_PATH === undefined ? {} : { ffmpeg: e.FFMPEG_PATH }),
        ...(e.FFPROBE_PATH === undefined ? {} : { ffprobe: e.FFPROBE_PATH }),
      },
      color: e.NO_COLOR === undefined || e.NO_COLOR === "",
      columns: e.COLUMNS,
      userName: e.USER ?? "you",
    },
  };
}

/** Slack settings that can't work together. */
function slackProblems(e: z.infer<typeof envSchema>): string[] {
  const problems: string[] = [];
  const oauth = [e.SLACK_CLIENT_ID, e.SLACK_CLIENT_SECRET, e.SLACK_STATE_SECRET];
  const anyOauth = oauth.some((v) => v !== undefined);
  if (anyOauth && oauth.some((v) => v === undefined))
    problems.push(
      "SLACK_CLIENT_ID: installing into several workspaces needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET together",
    );
  if (anyOauth && e.SLACK_BOT_TOKEN !== undefined)
    problems.push(
      "SLACK_BOT_TOKEN: unset it with OAuth (SLACK_CLIENT_ID): each workspace's token comes from its installation",
    );
  if (anyOauth && e.SLACK_APP_TOKEN !== undefined)
    problems.push(
      "SLACK_APP_TOKEN: OAuth installs need HTTP mode (SLACK_SIGNING_SECRET and PORT), not Socket Mode",
    );
  if (e.SLACK_BOT_TOKEN === undefined && !anyOauth) {
    if (e.SLACK_SIGNING_SECRET !== undefined || e.SLACK_APP_TOKEN !== undefined)
      problems.push("SLACK_BOT_TOKEN: set it too (the xoxb-… token), or unset the other SLACK_ settings");
    return problems;
  }
  if (e.SLACK_APP_TOKEN === undefined && e.SLACK_SIGNING_SECRET === undefined)
    problems.push(
      "SLACK_SIGNING_SECRET: set it for HTTP mode (with PORT), or SLACK_APP_TOKEN for Socket Mode",
    );
  if (e.SLACK_APP_TOKEN === undefined && e.SLACK_SIGNING_SECRET !== undefined && e.PORT === undefined)
    problems.push(
      "PORT: Slack's HTTP mode receives requests at PORT's /slack/events; set PORT (e.g. PORT=3000)",
    );
  return problems;
}
