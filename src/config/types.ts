// The validated configuration every part of framecast is given (config.ts builds it).

import type { Pricing } from "../core/pricing.ts";
import type { DefaultUserLimits } from "../core/quota/policy.ts";
import type { LogLevel } from "../log/levels.ts";
import type { ProviderSettings } from "../providers/settings.ts";

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
    /** Set: interactions also arrive over HTTP at PORT's /discord/interactions, signed with this key. */
    readonly publicKey: string | undefined;
    /** Connect to the gateway; false: an HTTP-interactions-only instance (stateless, behind a load balancer). */
    readonly gateway: boolean;
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
