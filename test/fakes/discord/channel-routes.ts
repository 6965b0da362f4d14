// Channel endpoints the bot uses with its token: read a channel, and create / read / edit /
// delete messages (message.mdx); open a DM with someone (user.mdx "Create DM"). `nonce` + `enforce_nonce: true` returns the message already
// created with that nonce instead of a second one.

import { type APIMessage, MessageFlags, MessageReferenceType, MessageType } from "discord-api-types/v10";
import { FormErrors, type Reply, reply } from "./errors.ts";
import { emptyBody, gate, isEmpty } from "./message-rules.ts";
import type { StoredMessage } from "./messages.ts";
import { type FakeState, type Route, type RouteRequest, route } from "./routes.ts";
import { checkMessageBody, checkUploads } from "./validate-message.ts";
import { DEFAULT_ATTACHMENT_LIMIT, findChannel, isDm, openDm } from "./world.ts";

type Json = Record<string, unknown>;

function channelMessage(state: FakeState, params: RouteRequest["params"]): StoredMessage | Reply {
  if (findChannel(state.world, params.channel_id ?? "") === undefined) return reply.unknownChannel();
  const stored = state.messages.get(params.message_id ?? "");
  if (stored === undefined || stored.ephemeral || stored.message.channel_id !== params.channel_id) {
    return reply.unknownMessage();
  }
  return stored;
}

const isStored = (value: StoredMessage | Reply): value is StoredMessage => "message" in value;

function reference(state: FakeState, channelId: string, body: Json): Partial<APIMessage> | Reply {
  const ref = body.message_reference;
  if (typeof ref !== "object" || ref === null) return {};
  const id = String((ref as Json).message_id ?? "");
  const target = state.messages.get(id);
  if (target === undefined || target.message.channel_id !== channelId) {
    const errors = new FormErrors();
    errors.add(["message_reference"], { code: "REPLIES_UNKNOWN_MESSAGE", message: "Unknown message" });
    return reply.invalidForm(errors);
  }
  const guildId = findChannel(state.world, channelId)?.guild.id;
  return {
    type: MessageType.Reply,
    message_reference: {
      type: MessageReferenceType.Default,
      message_id: id,
      channel_id: channelId,
      ...(guildId === undefined ? {} : { guild_id: guildId }),
    },
    referenced_message: target.message,
  };
}

function createMessage(state: FakeState, { params, json, files }: RouteRequest): Reply {
  const channelId = params.channel_id ?? "";
  const found = findChannel(state.world, channelId);
  const dm = isDm(state.world, channelId);
  if (found === undefined && !dm) return reply.unknownChannel();
  if (state.world.cannotSend.has(channelId)) return reply.missingPermissions();
  const checked = checkMessageBody(json);
  if (!checked.ok) return checked.reply;
  const body: Json = { ...checked.body, flags: Number(checked.body.flags ?? 0) & ~MessageFlags.Ephemeral };
  const tooLarge = checkUploads(files, found?.guild.attachmentSizeLimit ?? DEFAULT_ATTACHMENT_LIMIT);
  if (tooLarge !== undefined) return tooLarge;
  if (body.enforce_nonce === true && (typeof body.nonce === "string" || typeof body.nonce === "number")) {
    const first = state.messages.byNonce(String(body.nonce));
    if (first !== undefined) return reply.json(200, first.message);
  }
  if (emptyBody(body, files)) return reply.emptyMessage();
  const extra = reference(state, channelId, body);
  if ("status" in extra) return extra as Reply;
  return reply.json(200, state.messages.create(channelId, body, files, extra).message);
}

function getMessage(state: FakeState, { params }: RouteRequest): Reply {
  const stored = channelMessage(state, params);
  if (!isStored(stored)) return stored;
  const access = { content: state.messageContent(), dm: false };
  return reply.json(200, gate(stored.message, state.world.bot.id, access));
}

function editMessage(state: FakeState, { params, json, files }: RouteRequest): Reply {
  const stored = channelMessage(state, params);
  if (!isStored(stored)) return stored;
  if (stored.message.author.id !== state.world.bot.id) return reply.notAuthor();
  const checked = checkMessageBody(json);
  if (!checked.ok) return checked.reply;
  const limit = findChannel(state.world, stored.message.channel_id)?.guild.attachmentSizeLimit ?? 0;
  const tooLarge = checkUploads(files, limit);
  if (tooLarge !== undefined) return tooLarge;
  const next = state.messages.edited(stored, checked.body, files);
  if (isEmpty(next)) return reply.emptyMessage();
  state.messages.replace(stored, next, files);
  return reply.json(200, next);
}

function deleteMessage(state: FakeState, { params }: RouteRequest): Reply {
  const stored = channelMessage(state, params);
  if (!isStored(stored)) return stored;
  stored.deleted = true;
  return reply.noContent();
}

export function channelRoutes(state: FakeState): Route[] {
  return [
    route("GET", "/channels/{channel_id}", ({ params }) => {
      const found = findChannel(state.world, params.channel_id ?? "");
      return found === undefined ? reply.unknownChannel() : reply.json(200, found.channel);
    }),
    route("POST", "/channels/{channel_id}/messages", (r) => createMessage(state, r)),
    // Create DM: {recipient_id} → the DM channel with that person (the same one every time).
    route("POST", "/users/@me/channels", ({ json }) => {
      const id = String((json as Json | null)?.recipient_id ?? "");
      const known = [state.world.user].find((u) => u.id === id) ?? {
        id,
        username: `user${id.slice(-4)}`,
        discriminator: "0",
        global_name: null,
        avatar: null,
      };
      return /^\d{17,20}$/u.test(id)
        ? reply.json(
            200,
            openDm(state.world, () => state.ids.next(), known),
          )
        : reply.invalidForm(new FormErrors());
    }),
    route("GET", "/channels/{channel_id}/messages/{message_id}", (r) => getMessage(state, r)),
    route("PATCH", "/channels/{channel_id}/messages/{message_id}", (r) => editMessage(state, r)),
    route("DELETE", "/channels/{channel_id}/messages/{message_id}", (r) => deleteMessage(state, r)),
  ];
}
