// A Discord interaction (the gateway's raw INTERACTION_CREATE payload) → the core's ChatEvent.
// `/video` brings typed options (ATTACHMENT options arrive as ids resolved in
// data.resolved.attachments); `/framecast <sub>` becomes the text the command router already
// reads; a button `fc:<action>:<job>` becomes a button event on that job.

import {
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionType,
  PermissionFlagsBits,
} from "discord.js";
import type { ChatEvent, Conversation } from "../../core/chat-event.ts";
import { CANONICAL_KEYS } from "../../core/grammar/keys.ts";
import type { RawRequest } from "../../core/request.ts";
import { decodeCustomId } from "./custom-id.ts";

type Option = APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand>;

/** Slash option name → RawRequest field: /video's options are named as the text grammar's keys. */
const FIELDS: Readonly<Record<string, keyof RawRequest | undefined>> = Object.fromEntries(
  Object.entries(CANONICAL_KEYS).map(([field, key]) => [key, field as keyof RawRequest]),
);

/** When a snowflake was made: ms since Discord's epoch (2015-01-01) in its top 42 bits. */
export const snowflakeTime = (id: string): Date => new Date(Number(BigInt(id) >> 22n) + 1_420_070_400_000);

/** Who and where: guild → workspace; in a DM the user is their own workspace. */
export function conversationOf(interaction: APIInteraction): Conversation | undefined {
  const user = interaction.member?.user ?? interaction.user;
  const channelId = interaction.channel?.id ?? interaction.channel_id;
  if (user === undefined || channelId === undefined) return undefined;
  return {
    platform: "discord",
    workspaceId: interaction.guild_id ?? `dm-${user.id}`,
    channelId,
    userId: user.id,
    userName: interaction.member?.nick ?? user.global_name ?? user.username,
  };
}

function isManager(interaction: APIInteraction): boolean {
  const permissions = BigInt(interaction.member?.permissions ?? "0");
  const manage = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator;
  return (permissions & manage) !== 0n;
}

export function videoOptions(interaction: APIChatInputApplicationCommandInteraction): RawRequest {
  const attachments = interaction.data.resolved?.attachments ?? {};
  const raw: Record<string, string | number | boolean> = {};
  for (const option of interaction.data.options ?? []) {
    const field = FIELDS[option.name];
    if (field === undefined || !("value" in option)) continue;
    if (option.type === ApplicationCommandOptionType.Attachment) {
      const url = attachments[option.value]?.url;
      if (url !== undefined) raw[field] = url;
    } else {
      raw[field] = option.value;
    }
  }
  return raw as RawRequest;
}

/** `/framecast cancel job:abc` → "/framecast cancel abc": the text the command router reads. */
function framecastText(options: readonly Option[]): string {
  const [sub] = options;
  if (sub === undefined) return "/framecast help";
  if (sub.type !== ApplicationCommandOptionType.Subcommand) return "/framecast help";
  if (sub.name === "prefer") return preferText(sub.options ?? []);
  const args = (sub.options ?? []).flatMap((o) => ("value" in o ? [String(o.value)] : []));
  return ["/framecast", sub.name, ...args].join(" ");
}

/**
 * `/framecast prefer model:v6 suffix:…` → the same text Slack and the console take: key:value
 * pairs, the suffix quoted (so what it says stays text) and last; `clear` alone when given.
 */
function preferText(options: readonly Option[]): string {
  const value = (name: string): string | number | boolean | undefined => {
    const o = options.find((x) => x.name === name);
    return o !== undefined && "value" in o ? o.value : undefined;
  };
  const clear = value("clear");
  if (clear !== undefined) return `/framecast prefer clear${clear === "all" ? "" : ` ${String(clear)}`}`;
  const pairs = ["model", "quality", "ratio", "audio"].flatMap((name) => {
    const v = value(name);
    return v === undefined ? [] : [`${name}:${typeof v === "boolean" ? (v ? "on" : "off") : String(v)}`];
  });
  const suffix = value("suffix");
  if (suffix !== undefined)
    pairs.push(String(suffix).includes('"') ? `suffix:${suffix}` : `suffix:"${suffix}"`);
  return ["/framecast prefer", ...pairs].join(" ");
}

/** Who asked, where, and with which roles: everything of an event but its input. */
export function askerOf(interaction: APIInteraction): Omit<ChatEvent, "input"> | undefined {
  const conversation = conversationOf(interaction);
  if (conversation === undefined) return undefined;
  return {
    conversation,
    roles: interaction.member?.roles ?? [],
    isManager: isManager(interaction),
    requestId: interaction.id,
  };
}

/** The event an interaction asks for; undefined for interactions framecast does not handle. */
export function toChatEvent(interaction: APIInteraction): ChatEvent | undefined {
  const who = askerOf(interaction);
  if (who === undefined) return undefined;
  if (
    interaction.type === InteractionType.ApplicationCommand &&
    interaction.data.type === ApplicationCommandType.ChatInput
  ) {
    const command = interaction as APIChatInputApplicationCommandInteraction;
    if (command.data.name === "video")
      return {
        ...who,
        // Files uploaded with the command: delivered by Discord itself.
        attachedImages: Object.values(command.data.resolved?.attachments ?? {}).map((a) => a.url),
        input: { kind: "video-options", options: videoOptions(command) },
      };
    if (command.data.name === "framecast")
      return { ...who, input: { kind: "text", text: framecastText(command.data.options ?? []) } };
    return undefined;
  }
  if (interaction.type === InteractionType.MessageComponent) {
    const id = decodeCustomId(interaction.data.custom_id);
    if (id !== undefined)
      return {
        ...who,
        input: {
          kind: "button",
          action: id.action,
          subject: id.subject,
          clickedAt: snowflakeTime(interaction.id),
        },
      };
  }
  return undefined;
}

/** Buttons that start a new video: answered like /video (the job's message is public). */
const PUBLIC_BUTTONS: ReadonlySet<string> = new Set([
  "regenerate",
  "new_seed",
  "upscale_1080p",
  "extend",
  "continue",
]);

/** Whether the answers to this event start public (a video's message) rather than ephemeral. */
export function answersPublicly(event: ChatEvent): boolean {
  return (
    event.input.kind === "video-options" ||
    // Continue's first segment is a video's message, as a button's is.
    (event.input.kind === "text" && /^\/framecast continue\b/u.test(event.input.text)) ||
    (event.input.kind === "button" && PUBLIC_BUTTONS.has(event.input.action))
  );
}
