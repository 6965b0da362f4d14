// The Config the rest of framecast is given, from variables that passed validation.

import { DEFAULT_PRICE_TABLE, mergePrices, PROVIDER_PRICE_TABLES } from "../core/pricing.ts";
import type { ProviderSettings } from "../providers/settings.ts";
import type { Env } from "./env-schema.ts";
import type { Config } from "./types.ts";

export function configOf(e: Env, providers: ProviderSettings): Config {
  const builtIn = { table: DEFAULT_PRICE_TABLE, providers: PROVIDER_PRICE_TABLES };
  const prices = e.FRAMECAST_PRICES === undefined ? builtIn : mergePrices(builtIn, e.FRAMECAST_PRICES);
  const daily = {
    videos: e.FRAMECAST_USER_DAILY_VIDEOS,
    seconds: e.FRAMECAST_USER_DAILY_SECONDS,
    credits: e.FRAMECAST_USER_DAILY_CREDITS,
  };
  return {
    pricing: { ...prices, centsPerCredit: e.FRAMECAST_CREDIT_CENTS },
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
    providers,
    mediaHosts: e.FRAMECAST_MEDIA_HOSTS,
    port: e.PORT,
    publicUrl: e.FRAMECAST_PUBLIC_URL,
    ...platformsOf(e),
    logLevel: e.LOG_LEVEL,
    media: {
      ...(e.FFMPEG_PATH === undefined ? {} : { ffmpeg: e.FFMPEG_PATH }),
      ...(e.FFPROBE_PATH === undefined ? {} : { ffprobe: e.FFPROBE_PATH }),
    },
    color: e.NO_COLOR === undefined || e.NO_COLOR === "",
    columns: e.COLUMNS,
    userName: e.USER ?? "you",
  };
}

function platformsOf(e: Env): Pick<Config, "discord" | "slack"> {
  return {
    discord: {
      token: e.DISCORD_TOKEN,
      guildId: e.DISCORD_GUILD_ID,
      apiUrl: e.DISCORD_API_URL,
      messageContent: e.DISCORD_MESSAGE_CONTENT,
      publicKey: e.DISCORD_PUBLIC_KEY,
      gateway: e.DISCORD_GATEWAY,
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
  };
}
