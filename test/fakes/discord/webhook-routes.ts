// Interaction webhooks (receiving-and-responding.mdx "Followup Messages"): the original response
// and follow-ups, keyed by application id + interaction token, usable for 15 minutes (401 / 50027
// after, or at once if the interaction was never acknowledged within 3 s). Right after a type-5
// defer, a follow-up edits the "thinking…" original instead (deprecated, still Discord's behaviour).

import { MessageFlags } from "discord-api-types/v10";
import { type Reply, reply } from "./errors.ts";
import { type InteractionRecord, tokenValid } from "./interactions.ts";
import { emptyBody, isEmpty } from "./message-rules.ts";
import type { StoredMessage } from "./messages.ts";
import { channelOf, responseFields } from "./responses.ts";
import { type FakeState, type Route, type RouteRequest, route } from "./routes.ts";
import { checkMessageBody, checkUploads } from "./validate-message.ts";

function interaction(state: FakeState, params: RouteRequest["params"]): InteractionRecord | Reply {
  if (params.webhook_id !== state.world.application.id) return reply.unknownWebhook();
  const record = state.interactions.byToken(params.webhook_token ?? "");
  if (record === undefined || !tokenValid(record, state.now())) return reply.invalidWebhookToken();
  return record;
}

function target(
  state: FakeState,
  params: RouteRequest["params"],
): { record: InteractionRecord; stored: StoredMessage } | Reply {
  const record = interaction(state, params);
  if ("status" in record) return record;
  const id = params.message_id ?? "@original";
  const candidates = [record.original, ...record.followups];
  const stored = id === "@original" ? record.original : candidates.find((m) => m?.message.id === id);
  if (stored === undefined || stored.deleted) return reply.unknownMessage();
  return { record, stored };
}

function edit(state: FakeState, record: InteractionRecord, stored: StoredMessage, req: RouteRequest): Reply {
  const checked = checkMessageBody(req.json ?? {});
  if (!checked.ok) return checked.reply;
  const tooLarge = checkUploads(req.files, record.payload.attachment_size_limit);
  if (tooLarge !== undefined) return tooLarge;
  const next = state.messages.edited(stored, checked.body, req.files);
  if (isEmpty(next)) return reply.emptyMessage();
  state.messages.replace(stored, next, req.files);
  return reply.json(200, next);
}

function followUp(state: FakeState, req: RouteRequest): Reply {
  const record = interaction(state, req.params);
  if ("status" in record) return record;
  if (record.callback === undefined) return reply.unknownWebhook();
  const original = record.original;
  if (
    original !== undefined &&
    !original.deleted &&
    ((original.message.flags ?? 0) & MessageFlags.Loading) !== 0
  ) {
    return edit(state, record, original, req);
  }
  const checked = checkMessageBody(req.json ?? {});
  if (!checked.ok) return checked.reply;
  const tooLarge = checkUploads(req.files, record.payload.attachment_size_limit);
  if (tooLarge !== undefined) return tooLarge;
  if (emptyBody(checked.body, req.files)) return reply.emptyMessage();
  const fields = responseFields(state, record);
  const stored = state.messages.create(channelOf(record.payload), checked.body, req.files, fields);
  record.followups.push(stored);
  return reply.json(200, stored.message);
}

export function webhookRoutes(state: FakeState): Route[] {
  const withTarget = (
    run: (found: { record: InteractionRecord; stored: StoredMessage }, req: RouteRequest) => Reply,
  ) => {
    return (req: RouteRequest): Reply => {
      const found = target(state, req.params);
      return "status" in found ? found : run(found, req);
    };
  };
  const get = withTarget(({ stored }) => reply.json(200, stored.message));
  const patch = withTarget(({ record, stored }, req) => edit(state, record, stored, req));
  const remove = withTarget(({ stored }) => {
    stored.deleted = true;
    return reply.noContent();
  });
  const original = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
  const byId = "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}";
  return [
    route("POST", "/webhooks/{webhook_id}/{webhook_token}", (r) => followUp(state, r), false),
    route("GET", original, get, false),
    route("PATCH", original, patch, false),
    route("DELETE", original, remove, false),
    route("GET", byId, get, false),
    route("PATCH", byId, patch, false),
    route("DELETE", byId, remove, false),
  ];
}
