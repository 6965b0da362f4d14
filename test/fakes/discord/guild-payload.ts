// GUILD_CREATE as the gateway sends it after READY (gateway-events.mdx "Guild Create"): the guild,
// its @everyone role, text channels and the two members (the bot and the human), and a boost tier
// that matches the guild's upload limit.

import {
  type APIRole,
  type GatewayGuildCreateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  type RoleFlags,
} from "discord-api-types/v10";
import { BOT_PERMISSIONS, type FakeGuild, member, type World } from "./world.ts";

function everyone(guildId: string): APIRole {
  return {
    id: guildId, // @everyone shares the guild's id
    name: "@everyone",
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position: 0,
    permissions: BOT_PERMISSIONS,
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

function premiumTier(limit: number): GuildPremiumTier {
  if (limit >= 100 * 1024 * 1024) return GuildPremiumTier.Tier3;
  if (limit >= 50 * 1024 * 1024) return GuildPremiumTier.Tier2;
  return GuildPremiumTier.None;
}

export function guildCreate(world: World, guild: FakeGuild): GatewayGuildCreateDispatchData {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: world.user.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.AllMembers,
    roles: [everyone(guild.id)],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: guild.channels[0]?.id ?? null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotificationReplies,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: premiumTier(guild.attachmentSizeLimit),
    premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [member(world.bot, guild.joinedAt), member(world.user, guild.joinedAt)],
    channels: [...guild.channels],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
