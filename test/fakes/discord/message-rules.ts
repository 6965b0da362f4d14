// Message rules that are not limits: when a message counts as empty (50006 "Cannot send an empty
// message"), and what a client without the MESSAGE_CONTENT intent gets to see of a message.

import { type APIMessage, MessageFlags } from "discord-api-types/v10";
import type { UploadedFile } from "./request.ts";

type Json = Record<string, unknown>;

const none = (value: unknown): boolean => !Array.isArray(value) || value.length === 0;

/** A create body with nothing to show: Discord answers 50006 "Cannot send an empty message". */
export function emptyBody(body: Json, files: readonly UploadedFile[]): boolean {
  const content = typeof body.content === "string" ? body.content : "";
  const rest = [body.embeds, body.components, body.sticker_ids];
  return content === "" && files.length === 0 && rest.every(none) && (body.poll ?? null) === null;
}

/** Cannot send an empty message (50006): nothing to show once the body is applied. */
export function isEmpty(message: APIMessage): boolean {
  if ((message.flags ?? 0) & MessageFlags.Loading) return false;
  return (
    message.content === "" &&
    message.embeds.length === 0 &&
    message.attachments.length === 0 &&
    (message.components?.length ?? 0) === 0 &&
    message.poll === undefined &&
    (message.sticker_items?.length ?? 0) === 0
  );
}

/**
 * What a client without MESSAGE_CONTENT sees (gateway.mdx "Message Content Intent"): content,
 * embeds, attachments and components are emptied, except in messages the app sent, DMs, and
 * messages that mention the app. A referenced message is gated by the same rule [U].
 */
export function gate(
  message: APIMessage,
  botId: string,
  access: { content: boolean; dm: boolean },
): APIMessage {
  if (access.content) return message;
  const ref = message.referenced_message;
  const referenced = ref === undefined || ref === null ? ref : gate(ref, botId, access);
  const exempt = access.dm || message.author.id === botId || message.mentions.some((u) => u.id === botId);
  if (exempt) return referenced === ref ? message : { ...message, referenced_message: referenced };
  return {
    ...message,
    content: "",
    embeds: [],
    attachments: [],
    components: [],
    referenced_message: referenced,
  };
}
