// The Web API methods the fake serves. Each takes the call's arguments (form fields or JSON, with
// JSON-valued fields such as `blocks` already parsed) and answers as Slack does: HTTP 200 with
// `{ ok: true, … }` or `{ ok: false, error }` (platforms.md §5).

import type { EphemeralMessage, FileObject, Store, StoredMessage } from "./store.ts";
import type { Timestamps } from "./world.ts";

export type Args = Readonly<Record<string, unknown>>;
export type Answer = Readonly<Record<string, unknown>> & { readonly ok: boolean };

export interface ApiContext {
  readonly store: Store;
  readonly ts: Timestamps;
  readonly now: () => number;
  /** The fake's own base URL (http://127.0.0.1:port), for the absolute URLs it hands out. */
  readonly baseUrl: () => string;
  /** Its file host (https://127.0.0.1:port, as files.slack.com is https), for `url_private`. */
  readonly filesUrl: () => string;
  nextId(prefix: string): string;
}

/** Slack's window for a trigger_id (views.open): 3 seconds. */
export const TRIGGER_TTL_MS = 3_000;

const fail = (error: string): Answer => ({ ok: false, error });
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

function messageJson(m: StoredMessage): Record<string, unknown> {
  return {
    type: "message",
    user: m.user,
    ...(m.bot_id === undefined ? {} : { bot_id: m.bot_id }),
    text: m.text,
    ts: m.ts,
    ...(m.thread_ts === undefined ? {} : { thread_ts: m.thread_ts }),
    ...(m.blocks === undefined ? {} : { blocks: m.blocks }),
    ...(m.files === undefined ? {} : { files: m.files }),
  };
}

/** text or blocks: Slack refuses a message with neither (`no_text`). */
function content(args: Args): { text: string; blocks?: unknown[] } | Answer {
  const text = typeof args.text === "string" ? args.text : "";
  const blocks = args.blocks;
  if (blocks !== undefined && !Array.isArray(blocks)) return fail("invalid_blocks_format");
  if (Array.isArray(blocks) && blocks.length > 50) return fail("invalid_blocks");
  if (text === "" && (blocks === undefined || blocks.length === 0)) return fail("no_text");
  return blocks === undefined ? { text } : { text, blocks };
}

const isAnswer = (v: object): v is Answer => "ok" in v;

/** A user id as `channel` posts in the app's direct messages with that person (channel D…). */
const dmOf = (ctx: ApiContext, user: string): string | undefined =>
  [ctx.store.world.alice, ctx.store.world.bob, ctx.store.world.carol].some((u) => u.id === user)
    ? `D${user.slice(1)}`
    : undefined;

function postMessage(ctx: ApiContext, args: Args): Answer {
  const to = str(args.channel);
  const channel = to?.startsWith("U") === true ? dmOf(ctx, to) : to;
  if (channel === undefined) return fail("channel_not_found");
  if (!ctx.store.channelExists(channel)) return fail("channel_not_found");
  const refused = ctx.store.refused(channel, "post");
  if (refused !== undefined) return fail(refused);
  const body = content(args);
  if (isAnswer(body)) return body;
  const threadTs = str(args.thread_ts);
  if (threadTs !== undefined && ctx.store.message(channel, threadTs) === undefined)
    return fail("thread_not_found");
  const { bot } = ctx.store.world;
  const message: StoredMessage = {
    channel,
    ts: ctx.ts.next(),
    ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
    user: bot.userId,
    bot_id: bot.botId,
    ...body,
    deleted: false,
    updates: 0,
  };
  ctx.store.messages.push(message);
  return { ok: true, channel, ts: message.ts, message: messageJson(message) };
}

function update(ctx: ApiContext, args: Args): Answer {
  const channel = str(args.channel);
  const ts = str(args.ts);
  if (channel === undefined || !ctx.store.channelExists(channel)) return fail("channel_not_found");
  if (ts === undefined) return fail("message_not_found");
  const refused = ctx.store.refused(channel, "post");
  if (refused !== undefined) return fail(refused);
  const message = ctx.store.message(channel, ts);
  if (message === undefined) return fail("message_not_found");
  if (message.bot_id !== ctx.store.world.bot.botId) return fail("cant_update_message");
  const body = content(args);
  if (isAnswer(body)) return body;
  message.text = body.text;
  if (body.blocks !== undefined) message.blocks = body.blocks;
  message.updates++;
  return { ok: true, channel, ts, text: message.text, message: messageJson(message) };
}

function remove(ctx: ApiContext, args: Args): Answer {
  const channel = str(args.channel);
  const ts = str(args.ts);
  const message = channel === undefined || ts === undefined ? undefined : ctx.store.message(channel, ts);
  if (message === undefined) return fail("message_not_found");
  if (message.bot_id !== ctx.store.world.bot.botId) return fail("cant_delete_message");
  message.deleted = true;
  return { ok: true, channel, ts };
}

function postEphemeral(ctx: ApiContext, args: Args): Answer {
  const channel = str(args.channel);
  const user = str(args.user);
  if (channel === undefined || !ctx.store.channelExists(channel)) return fail("channel_not_found");
  if (user === undefined) return fail("user_not_in_channel");
  const refused = ctx.store.refused(channel, "member");
  if (refused !== undefined) return fail(refused);
  const body = content(args);
  if (isAnswer(body)) return body;
  const threadTs = str(args.thread_ts);
  const ephemeral: EphemeralMessage = {
    channel,
    user,
    ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
    ...body,
    via: "chat.postEphemeral",
  };
  ctx.store.ephemeral.push(ephemeral);
  return { ok: true, message_ts: ctx.ts.next() };
}

function viewsOpen(ctx: ApiContext, args: Args): Answer {
  const triggerId = str(args.trigger_id);
  const view = args.view;
  if (triggerId === undefined) return fail("invalid_arguments");
  const issued = ctx.store.triggers.get(triggerId);
  if (issued === undefined) return fail("invalid_trigger_id");
  if (ctx.now() - issued > TRIGGER_TTL_MS) return fail("expired_trigger_id");
  if (typeof view !== "object" || view === null || (view as { type?: unknown }).type !== "modal")
    return fail("invalid_arguments");
  ctx.store.triggers.delete(triggerId);
  const opened = { id: ctx.nextId("V"), triggerId, view: view as Record<string, unknown> };
  ctx.store.views.push(opened);
  return { ok: true, view: { id: opened.id, ...opened.view } };
}

function replies(ctx: ApiContext, args: Args): Answer {
  const channel = str(args.channel);
  const ts = str(args.ts);
  if (channel === undefined || !ctx.store.channelExists(channel)) return fail("channel_not_found");
  if (ts === undefined || ctx.store.message(channel, ts) === undefined) return fail("thread_not_found");
  return { ok: true, messages: ctx.store.thread(channel, ts).map(messageJson), has_more: false };
}

function filesInfo(ctx: ApiContext, args: Args): Answer {
  const id = str(args.file);
  const stored = id === undefined ? undefined : ctx.store.files.get(id);
  return stored === undefined ? fail("file_not_found") : { ok: true, file: stored.file };
}

/** files.list: newest first, optionally one channel's; `count` per page (default 100). */
function filesList(ctx: ApiContext, args: Args): Answer {
  const channel = str(args.channel);
  const user = str(args.user);
  const count = Math.min(1000, Math.max(1, Number(args.count ?? 100) || 100));
  const files = [...ctx.store.files.values()]
    .filter((f) => channel === undefined || f.channels.includes(channel))
    .filter((f) => user === undefined || f.file.user === user)
    .map((f) => f.file)
    .reverse();
  return {
    ok: true,
    files: files.slice(0, count),
    paging: { count, total: files.length, page: 1, pages: 1 },
  };
}

function getUploadUrl(ctx: ApiContext, args: Args): Answer {
  const name = str(args.filename);
  const length = Number(args.length);
  if (name === undefined || !Number.isInteger(length) || length <= 0) return fail("invalid_arguments");
  if (length > 1024 ** 3) return fail("file_upload_size_restricted");
  const altText = str(args.alt_txt);
  if (altText !== undefined && altText.length > 1000) return fail("invalid_arguments");
  const id = ctx.nextId("F");
  ctx.store.pendingUploads.set(id, { name, length, ...(altText === undefined ? {} : { altText }) });
  return { ok: true, upload_url: `${ctx.baseUrl()}/upload/v1/${id}`, file_id: id };
}

/** files.completeUploadExternal: shares the uploaded files to one channel (and thread). */
function completeUpload(ctx: ApiContext, args: Args): Answer {
  const files = args.files;
  if (!Array.isArray(files) || files.length === 0) return fail("invalid_arguments");
  const channel = str(args.channel_id) ?? str(args.channels)?.split(",")[0];
  if (channel !== undefined && !ctx.store.channelExists(channel)) return fail("channel_not_found");
  // Sharing needs membership: the uploaded bytes stay behind, an orphan until files.delete.
  const refused = channel === undefined ? undefined : ctx.store.refused(channel, "member");
  if (refused !== undefined) return fail(refused);
  const threadTs = str(args.thread_ts);
  const done: FileObject[] = [];
  for (const entry of files) {
    const id = str((entry as { id?: unknown }).id);
    const pending = id === undefined ? undefined : ctx.store.pendingUploads.get(id);
    if (id === undefined || pending === undefined) return fail("file_not_found");
    if (pending.bytes === undefined) return fail("upload_not_found");
    if (pending.bytes.length !== pending.length) return fail("file_size_mismatch");
    const title = str((entry as { title?: unknown }).title) ?? pending.name;
    const file = fileObject(
      ctx,
      id,
      pending.name,
      title,
      mimeOf(pending.name),
      pending.bytes.length,
      ctx.store.world.bot.userId,
    );
    ctx.store.files.set(id, { file, bytes: pending.bytes, channels: channel === undefined ? [] : [channel] });
    ctx.store.pendingUploads.delete(id);
    done.push(file);
  }
  if (channel !== undefined) {
    const { bot } = ctx.store.world;
    ctx.store.messages.push({
      channel,
      ts: ctx.ts.next(),
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      user: bot.userId,
      bot_id: bot.botId,
      text: typeof args.initial_comment === "string" ? args.initial_comment : "",
      files: done,
      deleted: false,
      updates: 0,
    });
  }
  return { ok: true, files: done.map((f) => ({ id: f.id, title: f.title })) };
}

/** files.delete: a file the bot uploaded (shared, or uploaded and never completed). */
function filesDelete(ctx: ApiContext, args: Args): Answer {
  const id = str(args.file);
  if (id === undefined) return fail("file_not_found");
  if (ctx.store.pendingUploads.delete(id)) return { ok: true };
  const stored = ctx.store.files.get(id);
  if (stored === undefined) return fail("file_not_found");
  if (stored.file.user !== ctx.store.world.bot.userId) return fail("cant_delete_file");
  ctx.store.files.delete(id);
  return { ok: true };
}

export function fileObject(
  ctx: Pick<ApiContext, "baseUrl" | "filesUrl" | "now" | "store">,
  id: string,
  name: string,
  title: string,
  mimetype: string,
  size: number,
  user: string,
  dims?: { width: number; height: number },
): FileObject {
  const team = ctx.store.world.teamId;
  const seconds = Math.floor(ctx.now() / 1000);
  const filetype = name.split(".").at(-1)?.toLowerCase() ?? "binary";
  return {
    id,
    created: seconds,
    timestamp: seconds,
    name,
    title,
    mimetype,
    filetype,
    pretty_type: filetype.toUpperCase(),
    user,
    size,
    mode: "hosted",
    is_external: false,
    is_public: true,
    url_private: `${ctx.filesUrl()}/files-pri/${team}-${id}/${encodeURIComponent(name)}`,
    url_private_download: `${ctx.filesUrl()}/files-pri/${team}-${id}/download/${encodeURIComponent(name)}`,
    permalink: `https://${ctx.store.world.teamDomain}.slack.com/files/${user}/${id}/${encodeURIComponent(name)}`,
    ...(dims === undefined ? {} : { original_w: dims.width, original_h: dims.height }),
  };
}

function mimeOf(name: string): string {
  const ext = name.split(".").at(-1)?.toLowerCase();
  const types: Record<string, string> = {
    mp4: "video/mp4",
    png: "image/png",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    webp: "image/webp",
    gif: "image/gif",
  };
  return types[ext ?? ""] ?? "application/octet-stream";
}

/** Web API method name → its handler. */
export const METHODS: Readonly<Record<string, (ctx: ApiContext, args: Args) => Answer>> = {
  "auth.test": (ctx) => ({
    ok: true,
    url: `https://${ctx.store.world.teamDomain}.slack.com/`,
    team: "framecast test",
    user: ctx.store.world.bot.name,
    team_id: ctx.store.world.teamId,
    user_id: ctx.store.world.bot.userId,
    bot_id: ctx.store.world.bot.botId,
    is_enterprise_install: false,
  }),
  "users.info": (ctx, args) => {
    const id = str(args.user);
    const { world } = ctx.store;
    const known = [world.alice, world.bob, world.carol].find((u) => u.id === id);
    if (id === undefined || known === undefined) return fail("user_not_found");
    const admin = ctx.store.admins.has(id);
    return {
      ok: true,
      user: {
        id,
        team_id: world.teamId,
        name: known.name,
        deleted: false,
        is_admin: admin,
        is_owner: false,
        is_bot: false,
      },
    };
  },
  "chat.postMessage": postMessage,
  "chat.update": update,
  "chat.delete": remove,
  "chat.postEphemeral": postEphemeral,
  "views.open": viewsOpen,
  "conversations.replies": replies,
  "files.info": filesInfo,
  "files.delete": filesDelete,
  "files.list": filesList,
  "files.getUploadURLExternal": getUploadUrl,
  "files.completeUploadExternal": completeUpload,
};
