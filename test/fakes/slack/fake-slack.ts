// A loopback Slack for @slack/web-api v8 and @slack/bolt v5: the Web API under
// http://127.0.0.1:<port>/api/ (point clients at it with `slackApiUrl: fake.apiUrl`), and the
// absolute URLs Slack hands out, served by the fake itself: upload URLs (files.getUploadURLExternal),
// `url_private` file downloads (bearer token required, else Slack's HTML login page with 200) and
// `response_url`s (5 uses within 30 minutes). Files are served from a second, https address
// (`filesUrl`, its host `filesHost`), as files.slack.com is https. Tests wait on recorded calls,
// never on sleeps.

import { EventEmitter } from "node:events";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Server as TlsServer } from "node:https";
import { closeServer, listenLoopback } from "../loopback.ts";
import { closeTls, listenLoopbackTls } from "../tls.ts";
import { waitForCall } from "../wait-for-call.ts";
import { type Bot, Bots } from "./bots.ts";
import { parseArgs, readRaw } from "./request.ts";
import { type Served, serveFile, serveResponse, serveUpload } from "./served-urls.ts";
import { SocketModeServer } from "./socket-mode.ts";
import { type FileObject, Store, type StoredMessage } from "./store.ts";
import { type ApiContext, type Args, fileObject, METHODS } from "./web-api.ts";
import { slackId, Timestamps, WORLD, type World } from "./world.ts";

export interface RecordedCall {
  /** "api" for Web API methods; the others are the absolute URLs the fake hands out. */
  readonly kind: "api" | "upload" | "file" | "response";
  /** The Web API method (`chat.update`), or the URL path for the others. */
  readonly method: string;
  readonly args: Args;
  readonly status: number;
  readonly body: unknown;
  readonly at: number;
  /** Web API calls: the workspace of the bot token used (undefined: no valid token). */
  readonly team?: string;
}

export type { Bot } from "./bots.ts";

export interface FakeSlackOptions {
  /** Clock for timestamps, trigger ids (3 s) and response_urls (30 min). */
  readonly now?: () => number;
}

export { RESPONSE_URL_TTL_MS, RESPONSE_URL_USES } from "./served-urls.ts";

export class FakeSlack extends EventEmitter<{ call: [RecordedCall] }> {
  /** The bot token (xoxb-…): secret in real life, constant here. */
  readonly token = "xoxb-1111-2222-framecastfaketoken";
  readonly signingSecret = "8f742231b10e8888abcd99aaabbb85a5";
  /** The app-level token (xapp-…) that opens Socket Mode connections. */
  readonly appToken = "xapp-1-A0FRAMECST-1-framecastfakeapptoken";
  /** OAuth (multi-workspace): the app's client id and secret. */
  readonly clientId = "1111111111.2222222222";
  readonly clientSecret = "fake-client-secret-0123456789";
  /** Bot tokens the Web API accepts (one per installed workspace), and OAuth installs. */
  readonly #bots: Bots;
  /** Socket Mode: send envelopes to the connected app (`socket.send`), wait for `socket.connected()`. */
  readonly socket = new SocketModeServer();
  readonly world: World = WORLD;
  readonly store = new Store(WORLD);
  readonly calls: RecordedCall[] = [];
  baseUrl = "";
  /** Where `url_private` points: https://127.0.0.1:<port>. */
  filesUrl = "";
  readonly #now: () => number;
  readonly #ts: Timestamps;
  readonly #limits = new Map<string, { retryAfter: number; times: number }>();
  #ids = 0;
  #server: Server | undefined;
  #files: TlsServer | undefined;

  constructor(options: FakeSlackOptions = {}) {
    super();
    this.#now = options.now ?? Date.now;
    this.#ts = new Timestamps(this.#now);
    const { bot } = this.world;
    this.#bots = new Bots(
      { appId: this.world.appId, clientId: this.clientId, clientSecret: this.clientSecret },
      (prefix) => this.nextId(prefix),
    );
    this.#bots.add(this.token, {
      teamId: this.world.teamId,
      teamName: "framecast test",
      userId: bot.userId,
      botId: bot.botId,
    });
  }

  /**
   * A person in workspace `teamId` approves installing the app (Slack's authorize page): the
   * code Slack then sends to the app's redirect URL, to exchange with oauth.v2.access.
   */
  approveInstall(teamId: string, teamName = "another workspace"): string {
    return this.#bots.approve(teamId, teamName);
  }

  /** The bot token an OAuth install issued for `teamId`, if any. */
  tokenOf(teamId: string): string | undefined {
    return this.#bots.tokenOf(teamId, this.token);
  }

  /** Who a bot token belongs to (undefined: not a token this fake issued). */
  botOf(token: string): Bot | undefined {
    return this.#bots.get(token);
  }

  /** The file host (`host:port`), what files.slack.com is to the real Slack. */
  get filesHost(): string {
    return new URL(this.filesUrl).host;
  }

  /** The Web API base, with Slack's trailing slash. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  async start(): Promise<this> {
    const handle = (req: IncomingMessage, res: ServerResponse): Promise<void> =>
      this.#handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" }).end(`fake slack: ${String(error)}`);
      });
    const { server, baseUrl } = await listenLoopback(handle);
    this.#server = server;
    this.baseUrl = baseUrl;
    const files = await listenLoopbackTls(handle);
    this.#files = files.server;
    this.filesUrl = files.baseUrl;
    server.on("upgrade", (req, socket, head) => {
      if (new URL(req.url ?? "/", "ws://x").pathname === "/socket-mode")
        this.socket.upgrade(req, socket, head, this.world.appId);
      else socket.destroy();
    });
    return this;
  }

  async stop(): Promise<void> {
    this.socket.close();
    this.#server?.closeAllConnections();
    await closeServer(this.#server);
    await closeTls(this.#files);
  }

  nextId(prefix: string): string {
    return slackId(prefix, ++this.#ids);
  }

  /** The next `times` calls of `method` answer 429 with `Retry-After: retryAfter` (seconds). */
  rateLimit(method: string, retryAfter: number, times = 1): void {
    this.#limits.set(method, { retryAfter, times });
  }

  /** A trigger_id, as Slack sends with a command, shortcut or button; valid for 3 s. */
  issueTrigger(): string {
    const id = `${Math.floor(this.#now() / 1000)}.${++this.#ids}.fc${this.#ids.toString(16)}`;
    this.store.triggers.set(id, this.#now());
    return id;
  }

  /** A response_url for a person in a channel: 5 uses within 30 minutes. */
  issueResponseUrl(channel: string, user: string): string {
    const id = this.nextId("R");
    this.store.responseUrls.set(id, { id, channel, user, issuedAt: this.#now(), uses: 0 });
    return `${this.baseUrl}/response/${this.world.teamId}/${id}`;
  }

  /** A person's file (an image they posted), served at its url_private. */
  addFile(
    bytes: Buffer,
    name: string,
    mimetype: string,
    options: { user?: string; width?: number; height?: number } = {},
  ): FileObject {
    const id = this.nextId("F");
    const dims =
      options.width === undefined || options.height === undefined
        ? undefined
        : { width: options.width, height: options.height };
    const file = fileObject(
      this.#ctx(),
      id,
      name,
      name,
      mimetype,
      bytes.length,
      options.user ?? this.world.alice.id,
      dims,
    );
    this.store.files.set(id, { file, bytes, channels: [this.world.channel.id] });
    return file;
  }

  /** A person's message in a channel (or thread), as Slack would store it. */
  addUserMessage(options: {
    text: string;
    user?: string;
    channel?: string;
    thread_ts?: string;
    files?: FileObject[];
  }): StoredMessage {
    const message: StoredMessage = {
      channel: options.channel ?? this.world.channel.id,
      ts: this.#ts.next(),
      ...(options.thread_ts === undefined ? {} : { thread_ts: options.thread_ts }),
      user: options.user ?? this.world.alice.id,
      text: options.text,
      ...(options.files === undefined ? {} : { files: options.files }),
      deleted: false,
      updates: 0,
    };
    this.store.messages.push(message);
    return message;
  }

  /** Messages (not deleted) in a channel, oldest first. */
  messagesIn(channel: string): StoredMessage[] {
    return this.store.messages.filter((m) => m.channel === channel && !m.deleted);
  }

  /** Resolves with the first recorded call (past or future) matching `predicate`. */
  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 5_000): Promise<RecordedCall> {
    return waitForCall(this, predicate, timeoutMs, {
      name: "fake slack",
      line: (c) => `${c.kind} ${c.method} → ${c.status}`,
    });
  }

  #ctx(): ApiContext {
    return {
      store: this.store,
      ts: this.#ts,
      now: this.#now,
      baseUrl: () => this.baseUrl,
      filesUrl: () => this.filesUrl,
      nextId: (prefix) => this.nextId(prefix),
    };
  }

  #record(res: ServerResponse, call: Omit<RecordedCall, "at">, headers: Record<string, string> = {}): void {
    const json = typeof call.body !== "string";
    res
      .writeHead(call.status, {
        "content-type": json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
        ...headers,
      })
      .end(json ? JSON.stringify(call.body) : call.body);
    const recorded = { ...call, at: this.#now() };
    this.calls.push(recorded);
    this.emit("call", recorded);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake.slack");
    const raw = await readRaw(req);
    const api = /^\/api\/([\w.]+)$/u.exec(url.pathname);
    if (api !== null) {
      this.#api(api[1] ?? "", req, raw, res);
      return;
    }
    const upload = /^\/upload\/v1\/(\w+)$/u.exec(url.pathname);
    if (upload !== null && req.method === "POST") {
      this.#serve(
        res,
        serveUpload(this.store, upload[1] ?? "", String(req.headers["content-type"] ?? ""), raw),
      );
      return;
    }
    const file = /^\/files-pri\/([A-Z0-9]+)-(F\w+)\//u.exec(url.pathname);
    if (file !== null && req.method === "GET") {
      const authorization = String(req.headers.authorization ?? "");
      this.#serve(
        res,
        serveFile(this.store, this.#bots, file[1] ?? "", file[2] ?? "", authorization, url.pathname),
      );
      return;
    }
    const response = /^\/response\/[A-Z0-9]+\/(R\w+)$/u.exec(url.pathname);
    if (response !== null && req.method === "POST") {
      this.#serve(
        res,
        serveResponse(this.store, this.#ts, this.#now(), response[1] ?? "", raw, url.pathname),
      );
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }

  #api(method: string, req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const args = parseArgs(String(req.headers["content-type"] ?? ""), raw);
    const record = (status: number, body: unknown, headers?: Record<string, string>): void =>
      this.#record(res, { kind: "api", method, args: args ?? {}, status, body }, headers);
    const limit = this.#limits.get(method);
    if (limit !== undefined && limit.times > 0) {
      limit.times--;
      record(429, { ok: false, error: "ratelimited" }, { "retry-after": String(limit.retryAfter) });
      return;
    }
    const handler = METHODS[method];
    if (handler === undefined && method !== "apps.connections.open" && method !== "oauth.v2.access") {
      record(200, { ok: false, error: "unknown_method" });
      return;
    }
    if (args === undefined) {
      record(200, { ok: false, error: "invalid_json" });
      return;
    }
    const bearer = /^Bearer (.+)$/u.exec(String(req.headers.authorization ?? ""))?.[1];
    const token = bearer ?? (typeof args.token === "string" ? args.token : undefined);
    if (method === "oauth.v2.access") {
      record(200, this.#bots.exchange(req, args));
      return;
    }
    if (token === undefined) {
      record(200, { ok: false, error: "not_authed" });
      return;
    }
    if (method === "apps.connections.open") {
      const url = `${this.baseUrl.replace(/^http/u, "ws")}/socket-mode?ticket=${this.nextId("T")}`;
      record(200, token === this.appToken ? { ok: true, url } : { ok: false, error: "invalid_auth" });
      return;
    }
    const bot = this.#bots.get(token);
    if (bot === undefined || handler === undefined) {
      record(200, { ok: false, error: "invalid_auth" });
      return;
    }
    if (method === "auth.test") {
      record(200, {
        ok: true,
        team: bot.teamName,
        team_id: bot.teamId,
        user_id: bot.userId,
        bot_id: bot.botId,
        is_enterprise_install: false,
      });
      return;
    }
    this.#record(res, {
      kind: "api",
      method,
      args,
      status: 200,
      body: handler(this.#ctx(), args),
      team: bot.teamId,
    });
  }

  /** Answers and records one of the absolute URLs the fake hands out. */
  #serve(res: ServerResponse, served: Served): void {
    res
      .writeHead(served.status, {
        "content-type": served.contentType,
        "content-length": String(Buffer.byteLength(served.body)),
      })
      .end(served.body);
    const recorded = { ...served.call, status: served.status, at: this.#now() };
    this.calls.push(recorded);
    this.emit("call", recorded);
  }
}
