// POST /interactions/{id}/{token}/callback (receiving-and-responding.mdx "Create Interaction
// Response"): one initial response within 3 s, its type allowed for the interaction's type, its
// `data` validated like a message (errors under `data.`), multipart uploads up to
// `attachment_size_limit`. 204, or with `?with_response=true` 200 and the callback response object.

import {
  type APIMessage,
  InteractionResponseType as Callback,
  InteractionType,
  MessageFlags,
} from "discord-api-types/v10";
import { FormErrors, formError, type Reply, reply } from "./errors.ts";
import { type InteractionRecord, RESPONSE_DEADLINE_MS } from "./interactions.ts";
import { emptyBody } from "./message-rules.ts";
import { channelOf, responseFields } from "./responses.ts";
import { type FakeState, type Route, type RouteRequest, route } from "./routes.ts";
import { checkMessageBody, checkUploads } from "./validate-message.ts";

type Json = Record<string, unknown>;

const ALLOWED: Record<number, readonly number[]> = {
  [InteractionType.Ping]: [Callback.Pong],
  [InteractionType.ApplicationCommand]: [
    Callback.ChannelMessageWithSource,
    Callback.DeferredChannelMessageWithSource,
    Callback.Modal,
    Callback.LaunchActivity,
  ],
  [InteractionType.MessageComponent]: [
    Callback.ChannelMessageWithSource,
    Callback.DeferredChannelMessageWithSource,
    Callback.DeferredMessageUpdate,
    Callback.UpdateMessage,
    Callback.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [Callback.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [
    Callback.ChannelMessageWithSource,
    Callback.DeferredChannelMessageWithSource,
    Callback.DeferredMessageUpdate,
    Callback.UpdateMessage,
  ],
};

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;

function invalid(path: (string | number)[], error: { code: string; message: string }): Reply {
  const errors = new FormErrors();
  errors.add(path, error);
  return reply.invalidForm(errors);
}

/** Creates (4) or starts (5, "thinking…") the original response message. */
function respondWithMessage(
  state: FakeState,
  record: InteractionRecord,
  type: number,
  data: Json,
  req: RouteRequest,
) {
  const checked = checkMessageBody(data, ["data"]);
  if (!checked.ok) return checked.reply;
  const tooLarge = checkUploads(req.files, record.payload.attachment_size_limit);
  if (tooLarge !== undefined) return tooLarge;
  const fields = responseFields(state, record);
  if (type === Callback.DeferredChannelMessageWithSource) {
    // With type 5 the only flag that counts is EPHEMERAL (note under "Messages").
    const ephemeral = Number(data.flags ?? 0) & MessageFlags.Ephemeral;
    const body = { flags: ephemeral };
    return state.messages.create(channelOf(record.payload), body, [], {
      ...fields,
      flags: ephemeral | MessageFlags.Loading,
    });
  }
  if (emptyBody(checked.body, req.files)) return reply.emptyMessage();
  return state.messages.create(channelOf(record.payload), checked.body, req.files, fields);
}

/** Edits the message the component (or the modal's component) sits on (7). */
function updateMessage(state: FakeState, record: InteractionRecord, data: Json, req: RouteRequest) {
  const payload = record.payload;
  const message = "message" in payload ? payload.message : undefined;
  if (message === undefined) return reply.unknownMessage();
  const checked = checkMessageBody(data, ["data"]);
  if (!checked.ok) return checked.reply;
  const tooLarge = checkUploads(req.files, payload.attachment_size_limit);
  if (tooLarge !== undefined) return tooLarge;
  state.messages.put(message);
  const stored = state.messages.get(message.id);
  if (stored === undefined) return reply.unknownMessage();
  state.messages.replace(stored, state.messages.edited(stored, checked.body, req.files), req.files);
  return stored;
}

function validateModal(data: Json): Reply | undefined {
  const errors = new FormErrors();
  const customId = data.custom_id;
  if (typeof customId !== "string" || customId.length < 1 || customId.length > 100) {
    errors.add(["data", "custom_id"], formError.badLength(1, 100));
  }
  if (typeof data.title !== "string" || data.title.length < 1 || data.title.length > 45) {
    errors.add(["data", "title"], formError.badLength(1, 45));
  }
  const components = Array.isArray(data.components) ? data.components : [];
  if (components.length < 1 || components.length > 5)
    errors.add(["data", "components"], formError.badLength(1, 5));
  return errors.empty ? undefined : reply.invalidForm(errors);
}

function callback(state: FakeState, req: RouteRequest): Reply {
  const record = state.interactions.byToken(req.params.interaction_token ?? "");
  if (record === undefined || record.payload.id !== req.params.interaction_id)
    return reply.unknownInteraction();
  if (record.callback !== undefined) return reply.alreadyAcknowledged();
  const now = state.now();
  if (now - record.receivedAt > RESPONSE_DEADLINE_MS) return reply.unknownInteraction();
  if (!isObject(req.json)) return invalid(["type"], formError.required());
  const type = Number(req.json.type);
  const allowed = ALLOWED[record.payload.type] ?? [];
  if (!allowed.includes(type)) return invalid(["type"], formError.choices(allowed));
  const data = isObject(req.json.data) ? req.json.data : {};

  let message: APIMessage | undefined;
  if (type === Callback.ChannelMessageWithSource || type === Callback.DeferredChannelMessageWithSource) {
    const created = respondWithMessage(state, record, type, data, req);
    if ("status" in created) return created;
    record.original = created;
    message = created.message;
  } else if (type === Callback.UpdateMessage) {
    const updated = updateMessage(state, record, data, req);
    if ("status" in updated) return updated;
    message = updated.message;
  } else if (type === Callback.Modal) {
    const bad = validateModal(data);
    if (bad !== undefined) return bad;
  } else if (type === Callback.ApplicationCommandAutocompleteResult) {
    const choices = Array.isArray(data.choices) ? data.choices : [];
    if (choices.length > 25) return invalid(["data", "choices"], formError.maxLength(25));
  }
  record.callback = { type, at: now };

  if (req.query.get("with_response") !== "true") return reply.noContent();
  const interaction: Json = { id: record.payload.id, type: record.payload.type };
  if (message === undefined) return reply.json(200, { interaction });
  interaction.response_message_id = message.id;
  interaction.response_message_loading = ((message.flags ?? 0) & MessageFlags.Loading) !== 0;
  interaction.response_message_ephemeral = ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  return reply.json(200, { interaction, resource: { type, message } });
}

export function callbackRoutes(state: FakeState): Route[] {
  return [
    route(
      "POST",
      "/interactions/{interaction_id}/{interaction_token}/callback",
      (r) => callback(state, r),
      false,
    ),
  ];
}
