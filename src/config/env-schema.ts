// Every environment variable framecast reads, as one zod schema: what each accepts, with the
// message a wrong value gets. Values of secrets are never echoed. (config.ts reads the env.)

import { z } from "zod";
import { credentialSafe } from "../core/hosts.ts";
import { priceTableOverrideSchema } from "../core/pricing.ts";
import { LOG_LEVELS } from "../log/levels.ts";

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

export const envSchema = z.object({
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
  /**
   * The application's public key (Developer Portal → General Information), 64 hex characters: set,
   * PORT's /discord/interactions takes Discord's signed HTTP interactions.
   */
  DISCORD_PUBLIC_KEY: z
    .string()
    .trim()
    .regex(
      /^(?:[0-9a-fA-F]{64})?$/u,
      "must be the application's public key: 64 hex characters (General Information → Public Key)",
    )
    .optional()
    .transform((v) => (v === undefined || v === "" ? undefined : v.toLowerCase())),
  /** Connect to the gateway (mentions and replies; interactions when no endpoint is set). */
  DISCORD_GATEWAY: z
    .string()
    .regex(/^(?:true|false|1|0|yes|no|)$/iu, "must be true or false")
    .optional()
    .transform((v) => v === undefined || v === "" || /^(?:true|1|yes)$/iu.test(v)),
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

export type Env = z.infer<typeof envSchema>;
