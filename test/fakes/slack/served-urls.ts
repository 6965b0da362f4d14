// The absolute URLs Slack hands out, served by the fake itself: the upload URL of
// files.getUploadURLExternal (the bytes of one pending upload), `url_private` (a workspace's file,
// only with a bot token of that workspace: else Slack's HTML sign-in page with 200, not an error)
// and `response_url` (5 uses within 30 minutes; `in_channel` posts publicly, else ephemerally).

import type { Bots } from "./bots.ts";
import type { RecordedCall } from "./fake-slack.ts";
import { parseJson } from "./request.ts";
import type { Store } from "./store.ts";
import type { Args } from "./web-api.ts";
import type { Timestamps } from "./world.ts";

export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;

const LOGIN_PAGE =
  "<!DOCTYPE html><html><head><title>Slack</title></head><body>Sign in to Slack</body></html>";

/** What to answer, and what to record about it. */
export interface Served {
  readonly status: number;
  readonly contentType: string;
  readonly body: string | Buffer;
  readonly call: Omit<RecordedCall, "at" | "status">;
}

const text = (status: number, body: string, call: Served["call"]): Served => ({
  status,
  contentType: "text/plain; charset=utf-8",
  body,
  call,
});

export function serveUpload(store: Store, id: string, contentType: string, raw: Buffer): Served {
  const pending = store.pendingUploads.get(id);
  const call = {
    kind: "upload" as const,
    method: `/upload/v1/${id}`,
    args: { bytes: raw.length, contentType },
  };
  if (pending === undefined) return text(404, "not found", { ...call, body: "not found" });
  if (store.failingUploads > 0) {
    store.failingUploads--;
    return text(500, "upload failed", { ...call, body: "upload failed" });
  }
  pending.bytes = raw;
  return text(200, `OK - ${raw.length}`, { ...call, body: `OK - ${raw.length}` });
}

export function serveFile(
  store: Store,
  bots: Bots,
  team: string,
  id: string,
  authorization: string,
  path: string,
): Served {
  const stored = store.files.get(id);
  const token = /^Bearer (.+)$/u.exec(authorization)?.[1] ?? "";
  // A workspace's files download only with a bot token of that workspace.
  const authorized = bots.get(token)?.teamId === team;
  const call = { kind: "file" as const, method: path, args: { authorized } };
  if (stored === undefined || !authorized)
    return {
      status: 200,
      contentType: "text/html; charset=utf-8",
      body: LOGIN_PAGE,
      call: { ...call, body: "login page" },
    };
  return {
    status: 200,
    contentType: stored.file.mimetype,
    body: stored.bytes,
    call: { ...call, body: stored.file.id },
  };
}

export function serveResponse(
  store: Store,
  ts: Timestamps,
  now: number,
  id: string,
  raw: Buffer,
  path: string,
): Served {
  const url = store.responseUrls.get(id);
  const json = parseJson(raw.toString("utf8"));
  const args = (typeof json === "object" && json !== null ? json : {}) as Args;
  const answer = (status: number, body: string): Served =>
    text(status, body, { kind: "response", method: path, args, body });
  if (url === undefined) return answer(404, "no_such_url");
  if (now - url.issuedAt > RESPONSE_URL_TTL_MS) return answer(404, "expired_url");
  if (url.uses >= RESPONSE_URL_USES) return answer(404, "used_url");
  url.uses++;
  const message = typeof args.text === "string" ? args.text : "";
  const blocks = Array.isArray(args.blocks) ? (args.blocks as unknown[]) : undefined;
  if (message === "" && blocks === undefined) return answer(400, "no_text");
  const content = { text: message, ...(blocks === undefined ? {} : { blocks }) };
  if (args.response_type === "in_channel") {
    const { bot } = store.world;
    store.messages.push({
      channel: url.channel,
      ts: ts.next(),
      user: bot.userId,
      bot_id: bot.botId,
      ...content,
      deleted: false,
      updates: 0,
    });
  } else {
    store.ephemeral.push({ channel: url.channel, user: url.user, ...content, via: "response_url" });
  }
  return answer(200, "ok");
}
