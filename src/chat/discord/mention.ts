// A message that mentions the bot ("@framecast make the waves crash"), often as a reply to a
// message holding a picture → the text command it asks for, with the images it brings: the
// replied-to message's first, then the message's own attachments (two images: first + last frame).
// Without an image it is a text-to-video prompt; text starting with "/" is a command as typed.

import type { APIMessage, GatewayMessageCreateDispatchData } from "discord.js";
import type { ChatEvent, Conversation } from "../../core/chat-event.ts";
import { imagesOf } from "./animate.ts";

type Message = GatewayMessageCreateDispatchData;

export function messageConversation(message: Message): Conversation {
  const user = message.author;
  return {
    platform: "discord",
    workspaceId: message.guild_id ?? `dm-${user.id}`,
    channelId: message.channel_id,
    userId: user.id,
    userName: message.member?.nick ?? user.global_name ?? user.username,
  };
}

/** Whether framecast should answer: a person (not a bot or webhook) mentioned the bot. */
export function mentionsBot(message: Message, botId: string): boolean {
  return (
    message.author.bot !== true &&
    message.webhook_id === undefined &&
    message.mentions.some((user) => user.id === botId)
  );
}

/** The message's text without the bot's mention(s). */
export function textWithoutMention(content: string, botId: string): string {
  return content
    .replaceAll(new RegExp(`<@!?${botId}>`, "gu"), " ")
    .replace(/\s+/gu, " ")
    .trim();
}

/** The event a mention asks for; `replied` is the message it replies to, if it could be read. */
export function mentionEvent(message: Message, botId: string, replied: APIMessage | undefined): ChatEvent {
  const text = textWithoutMention(message.content, botId);
  const images = [...(replied === undefined ? [] : imagesOf(replied)), ...imagesOf(message)].slice(0, 2);
  return {
    conversation: messageConversation(message),
    roles: message.member?.roles ?? [],
    requestId: message.id,
    input: {
      kind: "text",
      text: text.startsWith("/") ? text : `/video ${text}`,
      ...(images.length === 0 ? {} : { images }),
    },
  };
}
