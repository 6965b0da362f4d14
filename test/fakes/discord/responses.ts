// The fields Discord adds to messages an interaction creates (message.mdx "Message Interaction
// Metadata"): webhook/application ids, the interaction metadata, the message type of a command
// response, and for message commands a reference to the target message.

import {
  type APIInteraction,
  type APIMessage,
  type APIMessageInteractionMetadata,
  ApplicationCommandType,
  InteractionType,
  MessageReferenceType,
  MessageType,
} from "discord-api-types/v10";
import type { InteractionRecord } from "./interactions.ts";
import type { FakeState } from "./routes.ts";

export function channelOf(payload: APIInteraction): string {
  return payload.channel?.id ?? payload.channel_id ?? "";
}

function commandName(payload: APIInteraction): string {
  if (payload.type === InteractionType.ApplicationCommand) return payload.data.name;
  if (payload.type === InteractionType.MessageComponent || payload.type === InteractionType.ModalSubmit) {
    return payload.data.custom_id;
  }
  return "";
}

/** Fields of a message created in response to (or as a follow-up of) the interaction. */
export function responseFields(state: FakeState, record: InteractionRecord): Partial<APIMessage> {
  const payload = record.payload;
  const user = payload.member?.user ?? payload.user;
  if (user === undefined) throw new Error("interaction has neither member.user nor user");
  const base = {
    id: payload.id,
    user,
    authorizing_integration_owners: payload.authorizing_integration_owners,
    ...(record.original === undefined ? {} : { original_response_message_id: record.original.message.id }),
  };
  const fields: Partial<APIMessage> = {
    webhook_id: state.world.application.id,
    application_id: state.world.application.id,
    interaction: { id: payload.id, type: payload.type, name: commandName(payload), user },
    type: MessageType.Default,
  };
  let metadata: APIMessageInteractionMetadata;
  if (payload.type === InteractionType.ApplicationCommand) {
    const target = payload.data.type === ApplicationCommandType.Message ? payload.data.target_id : undefined;
    metadata = {
      ...base,
      type: InteractionType.ApplicationCommand,
      ...(target === undefined ? {} : { target_message_id: target }),
    };
    fields.type =
      payload.data.type === ApplicationCommandType.ChatInput
        ? MessageType.ChatInputCommand
        : MessageType.ContextMenuCommand;
    const referenced = target === undefined ? undefined : state.messages.get(target);
    if (referenced !== undefined) {
      fields.message_reference = {
        type: MessageReferenceType.Default,
        message_id: referenced.message.id,
        channel_id: referenced.message.channel_id,
        ...(payload.guild_id === undefined ? {} : { guild_id: payload.guild_id }),
      };
      fields.referenced_message = referenced.message;
    }
  } else if (payload.type === InteractionType.MessageComponent) {
    metadata = { ...base, type: InteractionType.MessageComponent, interacted_message_id: payload.message.id };
  } else {
    const triggering = { ...base, type: InteractionType.ApplicationCommand as const };
    metadata = { ...base, type: InteractionType.ModalSubmit, triggering_interaction_metadata: triggering };
  }
  fields.interaction_metadata = metadata;
  return fields;
}
