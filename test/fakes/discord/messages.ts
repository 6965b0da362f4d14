// Messages the fake holds: what users wrote (injected) and what the bot posted through channel,
// interaction and webhook endpoints. Edits follow Discord: on PATCH only attachments listed in
// `attachments` survive (reference.mdx "Editing Message Attachments"); new uploads are appended.

import { type APIAttachment, type APIMessage, MessageFlags, MessageType } from "discord-api-types/v10";
import type { Cdn } from "./cdn.ts";
import type { UploadedFile } from "./request.ts";
import type { Snowflakes } from "./snowflake.ts";
import type { World } from "./world.ts";

type Json = Record<string, unknown>;

export interface StoredMessage {
  message: APIMessage;
  /** Ephemeral messages exist only for their interaction's token; channel endpoints don't see them. */
  readonly ephemeral: boolean;
  /** Every file uploaded into this message, with its bytes. */
  readonly files: UploadedFile[];
  deleted: boolean;
}

/** Flags a client may set when creating a message (message.mdx "Message Flags"). */
const SETTABLE =
  MessageFlags.SuppressEmbeds |
  MessageFlags.Ephemeral |
  MessageFlags.IsComponentsV2 |
  MessageFlags.IsVoiceMessage |
  MessageFlags.SuppressNotifications;

/** How long `enforce_nonce` remembers a nonce ("the past few minutes"; exact window unpublished). */
export const NONCE_WINDOW_MS = 5 * 60 * 1000;

export class MessageStore {
  readonly #messages = new Map<string, StoredMessage>();
  readonly #nonces = new Map<string, { id: string; at: number }>();
  readonly #ids: Snowflakes;
  readonly #world: World;
  readonly #cdn: Cdn;
  readonly #now: () => number;

  constructor(ids: Snowflakes, world: World, cdn: Cdn, now: () => number) {
    this.#ids = ids;
    this.#world = world;
    this.#cdn = cdn;
    this.#now = now;
  }

  get(id: string): StoredMessage | undefined {
    const stored = this.#messages.get(id);
    return stored?.deleted === false ? stored : undefined;
  }

  all(): StoredMessage[] {
    return [...this.#messages.values()].filter((m) => !m.deleted);
  }

  /** Stores a message as it is (user messages, interaction targets) unless it is already known. */
  put(message: APIMessage): void {
    if (this.#messages.has(message.id)) return;
    const { guild_id: _guild, member: _member, ...rest } = message as APIMessage & Json; // gateway-only fields
    this.#messages.set(message.id, {
      message: rest as APIMessage,
      ephemeral: false,
      files: [],
      deleted: false,
    });
  }

  /** A message the same author created with this nonce in the last few minutes. */
  byNonce(nonce: string): StoredMessage | undefined {
    const seen = this.#nonces.get(nonce);
    if (seen === undefined || this.#now() - seen.at > NONCE_WINDOW_MS) return undefined;
    return this.get(seen.id);
  }

  /** The bot posts `body` (already validated) in a channel. `extra` adds interaction/webhook fields. */
  create(
    channelId: string,
    body: Json,
    files: readonly UploadedFile[],
    extra: Partial<APIMessage> = {},
  ): StoredMessage {
    const id = this.#ids.next();
    const flags = Number(body.flags ?? 0) & SETTABLE;
    const ephemeral = (flags & MessageFlags.Ephemeral) !== 0;
    const message: APIMessage = {
      id,
      channel_id: channelId,
      author: this.#world.bot,
      content: typeof body.content === "string" ? body.content : "",
      timestamp: new Date(this.#now()).toISOString(),
      edited_timestamp: null,
      tts: body.tts === true,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: this.#attachments(body, files, [], channelId, ephemeral),
      embeds: embeds(body.embeds),
      pinned: false,
      type: MessageType.Default,
      flags,
      components: Array.isArray(body.components) ? (body.components as APIMessage["components"]) : [],
      ...extra,
    };
    if (typeof body.nonce === "string" || typeof body.nonce === "number") {
      message.nonce = body.nonce;
      if (body.enforce_nonce === true) this.#nonces.set(String(body.nonce), { id, at: this.#now() });
    }
    const stored: StoredMessage = { message, ephemeral, files: [...files], deleted: false };
    this.#messages.set(id, stored);
    return stored;
  }

  /** The message as `body` would leave it (not stored yet: see `replace`). */
  edited(stored: StoredMessage, body: Json, files: readonly UploadedFile[]): APIMessage {
    const before = stored.message;
    const editable = MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2;
    const flags =
      body.flags === undefined || body.flags === null
        ? (before.flags ?? 0)
        : ((before.flags ?? 0) & ~editable) | (Number(body.flags) & editable);
    const next: APIMessage = {
      ...before,
      edited_timestamp: new Date(this.#now()).toISOString(),
      flags: flags & ~MessageFlags.Loading,
      attachments: this.#attachments(body, files, before.attachments, before.channel_id, stored.ephemeral),
    };
    if (body.content !== undefined) next.content = typeof body.content === "string" ? body.content : "";
    if (body.embeds !== undefined) next.embeds = embeds(body.embeds);
    if (body.components !== undefined) {
      next.components = Array.isArray(body.components) ? (body.components as APIMessage["components"]) : [];
    }
    return next;
  }

  replace(stored: StoredMessage, next: APIMessage, files: readonly UploadedFile[]): void {
    stored.message = next;
    stored.files.push(...files);
  }

  #attachments(
    body: Json,
    files: readonly UploadedFile[],
    existing: readonly APIAttachment[],
    channelId: string,
    ephemeral: boolean,
  ): APIAttachment[] {
    const listed: unknown[] = Array.isArray(body.attachments) ? body.attachments : [];
    const keep = Array.isArray(body.attachments)
      ? existing.filter((a) => listed.some((l) => isObject(l) && String(l.id) === a.id))
      : [...existing];
    const uploaded = files.map((file, index) => {
      const n = /^files\[(\d+)\]$/u.exec(file.field)?.[1] ?? String(index);
      const meta = listed.find((l): l is Json => isObject(l) && String(l.id) === n) ?? {};
      const filename = typeof meta.filename === "string" ? meta.filename : file.name;
      const input = { filename, bytes: file.bytes, contentType: file.contentType || undefined };
      const description = typeof meta.description === "string" ? { description: meta.description } : {};
      const folder = ephemeral ? this.#world.application.id : channelId;
      return this.#cdn.add(this.#ids.next(), folder, { ...input, ...description }, ephemeral, this.#now());
    });
    return [...keep, ...uploaded];
  }
}

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;

function embeds(value: unknown): APIMessage["embeds"] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((embed) => ({ type: "rich", ...embed }) as APIMessage["embeds"][number]);
}
