// What the fake Discord knows: one application and its bot user, a human user who triggers
// interactions, and the guilds (each with text channels) the bot is in. Payload shapes follow
// discord-api-types v10, so discord.js reads them as it reads the real gateway.

import {
  type APIDMChannel,
  type APIGuildMember,
  type APITextChannel,
  type APIUser,
  ApplicationFlags,
  ChannelType,
  type GuildMemberFlags,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import type { Snowflakes } from "./snowflake.ts";

export const DEFAULT_ATTACHMENT_LIMIT = 10 * 1024 * 1024;

/** What the bot may do in the fake's channels (the interaction's `app_permissions`). */
export const BOT_PERMISSIONS = String(
  PermissionFlagsBits.ViewChannel |
    PermissionFlagsBits.SendMessages |
    PermissionFlagsBits.EmbedLinks |
    PermissionFlagsBits.AttachFiles |
    PermissionFlagsBits.ReadMessageHistory |
    PermissionFlagsBits.AddReactions |
    PermissionFlagsBits.UseExternalEmojis |
    PermissionFlagsBits.SendMessagesInThreads,
);

export interface GuildOptions {
  /** A snowflake; default: a fresh one. Sharding routes a guild by its id's timestamp bits. */
  readonly id?: string;
  readonly name?: string;
  /** Per-file upload limit in bytes (boost tier); interactions carry it as attachment_size_limit. */
  readonly attachmentSizeLimit?: number;
  readonly channels?: readonly string[];
}

export interface FakeGuild {
  readonly id: string;
  readonly name: string;
  readonly attachmentSizeLimit: number;
  readonly channels: readonly APITextChannel[];
  readonly joinedAt: string;
}

export interface World {
  readonly application: { readonly id: string; readonly name: string; readonly flags: number };
  readonly bot: APIUser;
  /** The human who runs commands and writes messages unless a builder is told otherwise. */
  readonly user: APIUser;
  readonly guilds: readonly FakeGuild[];
  /** Channels where the bot lacks Send Messages (posting there answers 50013 Missing Permissions). */
  readonly cannotSend: Set<string>;
  /** DM channels the bot opened (users/@me/channels), by the other person's id. */
  readonly dms: Map<string, APIDMChannel>;
}

export function createWorld(ids: Snowflakes, guilds: readonly GuildOptions[], now: number): World {
  const appId = ids.next();
  const bot: APIUser = {
    id: appId, // a bot user created with its application shares the application's id
    username: "framecast",
    discriminator: "0",
    global_name: null,
    avatar: null,
    bot: true,
  };
  const user: APIUser = {
    id: ids.next(),
    username: "alice",
    discriminator: "0",
    global_name: "Alice",
    avatar: null,
  };
  const joinedAt = new Date(now).toISOString();
  return {
    application: {
      id: appId,
      name: "Framecast",
      flags: ApplicationFlags.GatewayMessageContentLimited | ApplicationFlags.GatewayGuildMembersLimited,
    },
    bot,
    user,
    cannotSend: new Set(),
    dms: new Map(),
    guilds: guilds.map((options, i) => {
      const id = options.id ?? ids.next();
      const channels = (options.channels ?? ["general"]).map((name, position) =>
        textChannel(ids.next(), id, name, position),
      );
      const name = options.name ?? `Test Guild ${i + 1}`;
      return {
        id,
        name,
        channels,
        joinedAt,
        attachmentSizeLimit: options.attachmentSizeLimit ?? DEFAULT_ATTACHMENT_LIMIT,
      };
    }),
  };
}

function textChannel(id: string, guildId: string, name: string, position: number): APITextChannel {
  return {
    id,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name,
    position,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    parent_id: null,
    rate_limit_per_user: 0,
  };
}

export function findChannel(
  world: World,
  channelId: string,
): { guild: FakeGuild; channel: APITextChannel } | undefined {
  for (const guild of world.guilds) {
    const channel = guild.channels.find((c) => c.id === channelId);
    if (channel !== undefined) return { guild, channel };
  }
  return undefined;
}

/** The DM channel with `recipient`, opened once (channel.mdx "Create DM"). */
export function openDm(world: World, id: () => string, recipient: APIUser): APIDMChannel {
  const open = world.dms.get(recipient.id);
  if (open !== undefined) return open;
  const dm: APIDMChannel = {
    id: id(),
    type: ChannelType.DM,
    recipients: [recipient],
    last_message_id: null,
    name: null,
  };
  world.dms.set(recipient.id, dm);
  return dm;
}

/** Whether `channelId` is one of the DM channels the bot opened. */
export const isDm = (world: World, channelId: string): boolean =>
  [...world.dms.values()].some((dm) => dm.id === channelId);

export function member(user: APIUser, joinedAt: string, roles: string[] = []): APIGuildMember {
  return {
    user,
    nick: null,
    avatar: null,
    banner: null,
    roles,
    joined_at: joinedAt,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
  };
}
