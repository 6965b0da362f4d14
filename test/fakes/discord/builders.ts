// Payloads as Discord sends them over the gateway, typed with discord-api-types (reference/
// platforms.md §8 D1–D3): every interaction has id, application_id, type, token, version 1,
// guild_id + guild, channel {id, type} + channel_id, member {user, permissions, roles},
// app_permissions, locale, entitlements, authorizing_integration_owners, context and
// attachment_size_limit. Builders only build; the fake's inject* methods send.

import {
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIAttachment,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageApplicationCommandGuildInteraction,
  type APIMessageComponentButtonInteraction,
  type APIModalSubmitGuildInteraction,
  type APIUser,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  type GatewayMessageCreateDispatchData,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageReferenceType,
  MessageType,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import type { AttachmentInput, Cdn } from "./cdn.ts";
import { interactionToken, type Snowflakes } from "./snowflake.ts";
import { BOT_PERMISSIONS, type FakeGuild, member, type World } from "./world.ts";

/** Where an event happens and who causes it (defaults: first guild, its first channel, world.user). */
export interface Where {
  readonly guildId?: string;
  readonly channelId?: string;
  readonly user?: APIUser;
}

type Option = APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand>;

/** Everyone's permissions in the fake guild, as a member's `permissions` string. */
const MEMBER_PERMISSIONS = String(
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.AttachFiles,
);

export class Builders {
  readonly #world: World;
  readonly #ids: Snowflakes;
  readonly #cdn: Cdn;
  readonly #now: () => number;

  constructor(world: World, ids: Snowflakes, cdn: Cdn, now: () => number) {
    this.#world = world;
    this.#ids = ids;
    this.#cdn = cdn;
    this.#now = now;
  }

  /** A file on the fake CDN; `ephemeral` for one a user gave a slash command or modal. */
  attachment(
    input: AttachmentInput & { readonly ephemeral?: boolean; readonly channelId?: string },
  ): APIAttachment {
    const ephemeral = input.ephemeral ?? false;
    const folder = ephemeral ? this.#world.application.id : (input.channelId ?? this.#place({}).channel.id);
    return this.#cdn.add(this.#ids.next(), folder, input, ephemeral, this.#now());
  }

  /**
   * A user's message (MESSAGE_CREATE data). `mentionBot` prefixes `<@bot>`; `replyTo` makes it a
   * reply (type 19) with message_reference + referenced_message.
   */
  userMessage(
    options: Where & {
      readonly content?: string;
      readonly attachments?: readonly APIAttachment[];
      readonly mentionBot?: boolean;
      readonly replyTo?: APIMessage;
    },
  ): GatewayMessageCreateDispatchData & APIMessage {
    const { guild, channel, user } = this.#place(options);
    const bot = this.#world.bot;
    const text = options.content ?? "";
    const content = options.mentionBot === true ? `<@${bot.id}>${text === "" ? "" : ` ${text}`}` : text;
    const { user: _user, ...author } = member(user, guild.joinedAt);
    const message: GatewayMessageCreateDispatchData & APIMessage = {
      id: this.#ids.next(),
      channel_id: channel.id,
      guild_id: guild.id,
      author: user,
      member: author,
      content,
      timestamp: new Date(this.#now()).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: options.mentionBot === true ? [bot] : [],
      mention_roles: [],
      attachments: [...(options.attachments ?? [])],
      embeds: [],
      components: [],
      pinned: false,
      type: MessageType.Default,
      nonce: this.#ids.next(),
    };
    const target = options.replyTo;
    if (target !== undefined) {
      message.type = MessageType.Reply;
      message.message_reference = {
        type: MessageReferenceType.Default,
        message_id: target.id,
        channel_id: target.channel_id,
        guild_id: guild.id,
      };
      message.referenced_message = target;
    }
    return message;
  }

  /** `/name` with options; `attachments` fill `data.resolved.attachments` for ATTACHMENT options. */
  slashCommand(
    options: Where & {
      readonly name: string;
      readonly commandId?: string;
      readonly options?: readonly Option[];
      readonly attachments?: readonly APIAttachment[];
    },
  ): APIChatInputApplicationCommandGuildInteraction {
    const attachments = options.attachments ?? [];
    return {
      ...this.#base(InteractionType.ApplicationCommand, options),
      data: {
        id: options.commandId ?? this.#ids.next(),
        name: options.name,
        type: ApplicationCommandType.ChatInput,
        ...(options.options === undefined ? {} : { options: [...options.options] }),
        ...(attachments.length === 0
          ? {}
          : { resolved: { attachments: Object.fromEntries(attachments.map((a) => [a.id, a])) } }),
      },
    };
  }

  /** `/name` being typed: `options` as typed so far, one of them `focused` (type 4, AUTOCOMPLETE). */
  autocomplete(
    options: Where & {
      readonly name: string;
      readonly options: readonly APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommandAutocomplete>[];
    },
  ): APIApplicationCommandAutocompleteGuildInteraction {
    return {
      ...this.#base(InteractionType.ApplicationCommandAutocomplete, options),
      data: {
        id: this.#ids.next(),
        name: options.name,
        type: ApplicationCommandType.ChatInput,
        options: [...options.options],
      },
    };
  }

  /** A message context-menu command on `target` (its attachments arrive in resolved.messages). */
  messageCommand(
    options: Where & { readonly name: string; readonly target: APIMessage; readonly commandId?: string },
  ): APIMessageApplicationCommandGuildInteraction {
    const {
      guild_id: _guild,
      member: _member,
      ...target
    } = options.target as APIMessage & Record<string, unknown>;
    return {
      ...this.#base(InteractionType.ApplicationCommand, { channelId: options.target.channel_id, ...options }),
      data: {
        id: options.commandId ?? this.#ids.next(),
        name: options.name,
        type: ApplicationCommandType.Message,
        target_id: options.target.id,
        resolved: { messages: { [options.target.id]: target as APIMessage } },
      },
    };
  }

  /** A modal submitted with text inputs `fields` (custom_id → value), one action row each. */
  modalSubmit(
    options: Where & {
      readonly customId: string;
      readonly fields: Readonly<Record<string, string>>;
      readonly message?: APIMessage;
    },
  ): APIModalSubmitGuildInteraction {
    const components = Object.entries(options.fields).map(([customId, value]) => ({
      type: ComponentType.ActionRow as const,
      components: [{ type: ComponentType.TextInput as const, custom_id: customId, value }],
    }));
    return {
      ...this.#base(InteractionType.ModalSubmit, options),
      ...(options.message === undefined ? {} : { message: options.message }),
      data: { custom_id: options.customId, components },
    };
  }

  /** A click on the button `customId` of `message` (a message the bot sent). */
  button(
    options: Where & { readonly customId: string; readonly message: APIMessage },
  ): APIMessageComponentButtonInteraction {
    const base = this.#base(InteractionType.MessageComponent, {
      channelId: options.message.channel_id,
      ...options,
    });
    return {
      ...base,
      channel_id: base.channel.id,
      message: options.message,
      data: { custom_id: options.customId, component_type: ComponentType.Button },
    };
  }

  #place(where: Where): { guild: FakeGuild; channel: FakeGuild["channels"][number]; user: APIUser } {
    const guild = this.#world.guilds.find((g) => where.guildId === undefined || g.id === where.guildId);
    const channel = guild?.channels.find((c) => where.channelId === undefined || c.id === where.channelId);
    if (guild === undefined || channel === undefined)
      throw new Error(`no such guild/channel: ${JSON.stringify(where)}`);
    return { guild, channel, user: where.user ?? this.#world.user };
  }

  #base<T extends InteractionType>(type: T, where: Where) {
    const { guild, channel, user } = this.#place(where);
    const id = this.#ids.next();
    const invoker: APIInteractionGuildMember = {
      ...member(user, guild.joinedAt),
      user,
      permissions: MEMBER_PERMISSIONS,
    };
    return {
      id,
      application_id: this.#world.application.id,
      type,
      token: interactionToken(id),
      version: 1 as const,
      guild_id: guild.id,
      guild: { id: guild.id, locale: Locale.EnglishUS, features: [] },
      channel: {
        id: channel.id,
        type: ChannelType.GuildText as const,
        name: channel.name,
        guild_id: guild.id,
        nsfw: false,
      },
      channel_id: channel.id,
      member: invoker,
      app_permissions: BOT_PERMISSIONS,
      locale: Locale.EnglishUS,
      guild_locale: Locale.EnglishUS,
      entitlements: [],
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
      context: InteractionContextType.Guild,
      attachment_size_limit: guild.attachmentSizeLimit,
    };
  }
}
