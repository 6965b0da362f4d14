// A loopback Discord for discord.js v14: REST on http://127.0.0.1:<port>/api/v10 and the gateway
// on ws://127.0.0.1:<port>/gateway. Point a client at it with
//   new Client({ intents, rest: { api: `${fake.restUrl}/api` } })   // @discordjs/rest appends /v10
// then `client.login(fake.token)`. Tests inject events, and wait on recorded calls, not sleeps.
// Interaction deadlines (3 s, 15 min) run on the injectable `now`; rate-limit windows on real time.

import { EventEmitter } from "node:events";
import { createServer, type Server } from "node:http";
import type { Server as TlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import {
  type APIApplicationCommand,
  type APIInteraction,
  type APIMessage,
  ApplicationCommandType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  type GatewayMessageCreateDispatchData,
  InteractionType,
} from "discord-api-types/v10";
import { closeTls } from "../tls.ts";
import { waitForCall } from "../wait-for-call.ts";
import { appRoutes } from "./app-routes.ts";
import { Builders } from "./builders.ts";
import { callbackRoutes } from "./callback-route.ts";
import { Cdn } from "./cdn.ts";
import { channelRoutes } from "./channel-routes.ts";
import { Gateway, type GatewayEvents, type GatewaySession, PRIVILEGED_INTENTS } from "./gateway.ts";
import {
  type HttpAnswer,
  InteractionSigner,
  postInteraction,
  type SendOptions,
  validateEndpoint,
} from "./http-interactions.ts";
import { type InteractionRecord, InteractionStore } from "./interactions.ts";
import { gate } from "./message-rules.ts";
import { MessageStore, type StoredMessage } from "./messages.ts";
import { type RateLimitRule, RateLimits } from "./rate-limits.ts";
import { type RecordedCall, restHandler } from "./rest.ts";
import type { FakeState, Route } from "./routes.ts";
import { botToken, Snowflakes } from "./snowflake.ts";
import { webhookRoutes } from "./webhook-routes.ts";
import { createWorld, type GuildOptions, type World } from "./world.ts";

export interface FakeDiscordOptions {
  /** Clock for snowflakes, timestamps, the 3 s / 15 min interaction windows and nonces. */
  readonly now?: () => number;
  /** Guilds the bot is in; default one guild with a #general channel and a 10 MiB upload limit. */
  readonly guilds?: readonly GuildOptions[];
  readonly heartbeatIntervalMs?: number;
  /** Privileged intents the application has enabled (default: all three). */
  readonly privilegedIntents?: number;
  /** Shards the bot must connect (default 1); guild events go to the guild's shard only. */
  readonly shardCount?: number;
  /** Rate limit of every bucket not configured with `rateLimit()` (default 50 per second). */
  readonly defaultRateLimit?: RateLimitRule;
}

/** What Discord made of an interaction it sent over HTTP. */
export interface HttpInteractionOutcome {
  readonly answer: HttpAnswer;
  /** The interaction got its first response (in the HTTP answer, or at the callback endpoint). */
  readonly acknowledged: boolean;
  /** Why it failed ("This interaction failed" for the person), when it did. */
  readonly failure?: string;
}

const CALLBACK_ROUTE = "/interactions/{interaction_id}/{interaction_token}/callback";

/** Events: every recorded REST `call`, plus the gateway's (see GatewayEvents). */
export interface FakeDiscordEvents extends GatewayEvents {
  call: [call: RecordedCall];
}

export class FakeDiscord extends EventEmitter<FakeDiscordEvents> {
  readonly token: string;
  readonly world: World;
  readonly build: Builders;
  /** Every REST call, in order. */
  readonly calls: RecordedCall[] = [];
  restUrl = "";
  gatewayUrl = "";
  /** Where attachments are served: https://127.0.0.1:<port>, as Discord's CDN is https. */
  cdnUrl = "";
  readonly #now: () => number;
  readonly #messages: MessageStore;
  readonly #interactions = new InteractionStore();
  readonly #commands = new Map<string, APIApplicationCommand[]>();
  readonly #rateLimits: RateLimits;
  readonly #routes: Route[];
  readonly #gateway: Gateway;
  readonly #server: Server;
  readonly #cdn: Cdn;
  #cdnServer: TlsServer | undefined;
  /** Signs HTTP interactions; `publicKey` is what the bot is configured with. */
  readonly #signer = new InteractionSigner();
  #endpoint: string | undefined;

  constructor(options: FakeDiscordOptions = {}) {
    super();
    this.#now = options.now ?? Date.now;
    const ids = new Snowflakes(this.#now);
    this.world = createWorld(ids, options.guilds ?? [{}], this.#now());
    this.token = botToken(this.world.bot.id);
    const cdn = new Cdn(() => this.cdnUrl);
    this.#cdn = cdn;
    this.#messages = new MessageStore(ids, this.world, cdn, this.#now);
    this.build = new Builders(this.world, ids, cdn, this.#now);
    this.#rateLimits = new RateLimits(options.defaultRateLimit ?? { limit: 50, windowMs: 1000 });
    const privileged = options.privilegedIntents ?? PRIVILEGED_INTENTS;
    const state: FakeState = {
      world: this.world,
      ids,
      messages: this.#messages,
      interactions: this.#interactions,
      cdn,
      now: this.#now,
      gatewayUrl: () => this.gatewayUrl,
      commands: this.#commands,
      shardCount: options.shardCount ?? 1,
      messageContent: () => (privileged & GatewayIntentBits.MessageContent) !== 0,
    };
    this.#routes = [
      ...appRoutes(state),
      ...channelRoutes(state),
      ...callbackRoutes(state),
      ...webhookRoutes(state),
    ];
    this.#gateway = new Gateway({
      token: this.token,
      world: this.world,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      privilegedIntents: privileged,
      url: () => this.gatewayUrl,
      shardCount: options.shardCount ?? 1,
    });
    this.#gateway.on("identify", (data) => this.emit("identify", data));
    this.#gateway.on("resume", (data) => this.emit("resume", data));
    this.#gateway.on("heartbeat", (data) => this.emit("heartbeat", data));
    this.#gateway.on("dispatch", (payload) => this.emit("dispatch", payload));
    const handle = restHandler({
      routes: this.#routes,
      token: this.token,
      rateLimits: this.#rateLimits,
      cdn,
      now: this.#now,
      record: (call) => {
        this.calls.push(call);
        this.emit("call", call);
      },
    });
    this.#server = createServer((req, res) => {
      handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: `fake discord: ${String(error)}`, code: 0 }));
      });
    });
    this.#server.on("upgrade", (req, socket, head) => {
      if (new URL(req.url ?? "/", "ws://x").pathname === "/gateway") this.#gateway.upgrade(req, socket, head);
      else socket.destroy();
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.restUrl = `http://127.0.0.1:${port}`;
    this.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
    const cdn = await this.#cdn.listen();
    this.#cdnServer = cdn.server;
    this.cdnUrl = cdn.baseUrl;
    return this;
  }

  async stop(): Promise<void> {
    await closeTls(this.#cdnServer);
    await this.#gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Gateway sessions that identified and are connected. */
  get sessions(): readonly GatewaySession[] {
    return this.#gateway.sessions;
  }

  /** Limits a route: "POST /channels/{channel_id}/messages" (one method) or "/template" (all). */
  rateLimit(pattern: string, rule: RateLimitRule): void {
    const [method, template] = pattern.includes(" ") ? pattern.split(" ", 2) : [undefined, pattern];
    if (!this.#routes.some((r) => r.template === template && (method === undefined || r.method === method))) {
      throw new Error(`fake discord has no route ${pattern}`);
    }
    this.#rateLimits.set(pattern, rule);
  }

  /** The application's public key (hex), for DISCORD_PUBLIC_KEY. */
  get publicKey(): string {
    return this.#signer.publicKey;
  }

  /** Saves the Interactions Endpoint URL as the Developer Portal does: only if it passes Discord's checks. */
  async setInteractionsEndpoint(url: string): Promise<void> {
    const { id, application_id, token } = this.build.slashCommand({ name: "ping" });
    const ping = { id, application_id, type: InteractionType.Ping, token, version: 1 };
    await validateEndpoint(url, this.#signer, ping, this.#now());
    this.#endpoint = url;
  }

  /**
   * Sends an interaction to the Interactions Endpoint URL, signed (or bent by `options`), and says
   * what Discord made of the answer. Its 3 s window starts now (fake clock).
   */
  async sendInteraction(payload: APIInteraction, options: SendOptions = {}): Promise<HttpInteractionOutcome> {
    const url = options.url ?? this.#endpoint;
    if (url === undefined) throw new Error("no Interactions Endpoint URL saved (setInteractionsEndpoint)");
    this.#remember(payload);
    const answer = await postInteraction(url, payload, this.#signer, this.#now(), options);
    return this.#judge(payload, answer);
  }

  #judge(payload: APIInteraction, answer: HttpAnswer): HttpInteractionOutcome {
    const failed = (failure: string): HttpInteractionOutcome => ({ answer, acknowledged: false, failure });
    if (answer.status === 202) {
      if (answer.body !== undefined) return failed("202 must have no body");
      return this.#interactions.get(payload.id)?.callback === undefined
        ? failed("answered 202 without calling the callback endpoint")
        : { answer, acknowledged: true };
    }
    if (answer.status !== 200) return failed(`answered ${answer.status}`);
    if (answer.contentType?.startsWith("application/json") !== true) return failed("the answer is not JSON");
    if (payload.type === InteractionType.Ping)
      return (answer.body as { type?: unknown }).type === 1
        ? { answer, acknowledged: true }
        : failed("not a PONG");
    // The answer is the interaction's first response: the callback endpoint's rules apply.
    const route = this.#routes.find((r) => r.template === CALLBACK_ROUTE && r.method === "POST");
    if (route === undefined) throw new Error("fake discord has no callback route");
    const params = { interaction_id: payload.id, interaction_token: payload.token };
    const reply = route.handle({ params, query: new URLSearchParams(), json: answer.body, files: [] });
    const call: RecordedCall = {
      method: "POST",
      route: CALLBACK_ROUTE,
      path: `/interactions/${payload.id}/${payload.token}/callback`,
      params,
      query: {},
      headers: {},
      body: answer.body,
      files: [],
      status: reply.status,
      response: reply.body,
      at: this.#now(),
      via: "http-response",
    };
    this.calls.push(call);
    this.emit("call", call);
    return reply.status < 300
      ? { answer, acknowledged: true }
      : failed(`the response was refused: ${JSON.stringify(reply.body)}`);
  }

  /** Records an interaction Discord is sending (a redelivery keeps its state) and the messages it carries. */
  #remember(payload: APIInteraction): void {
    this.#interactions.register(payload, this.#now());
    if (payload.type === InteractionType.MessageComponent) this.#messages.put(payload.message);
    if (
      payload.type === InteractionType.ApplicationCommand &&
      payload.data.type === ApplicationCommandType.Message
    ) {
      for (const message of Object.values(payload.data.resolved.messages)) this.#messages.put(message);
    }
  }

  /** Sends INTERACTION_CREATE; its 3 s window starts now (fake clock). Redelivering keeps the state. */
  injectInteraction<T extends APIInteraction>(payload: T): T {
    if (this.#gateway.sessions.length === 0)
      throw new Error("no gateway session to deliver the interaction to");
    this.#remember(payload);
    this.#gateway.dispatch(GatewayDispatchEvents.InteractionCreate, () => payload, payload.guild_id);
    return payload;
  }

  /**
   * Stores a user's message and sends MESSAGE_CREATE to sessions with GUILD_MESSAGES (or
   * DIRECT_MESSAGES), gated by MESSAGE_CONTENT as Discord gates it. Returns how many got it.
   */
  injectMessage(payload: GatewayMessageCreateDispatchData & APIMessage): number {
    if (payload.referenced_message) this.#messages.put(payload.referenced_message);
    this.#messages.put(payload);
    const dm = payload.guild_id === undefined;
    const needed = dm ? GatewayIntentBits.DirectMessages : GatewayIntentBits.GuildMessages;
    return this.#gateway.dispatch(
      GatewayDispatchEvents.MessageCreate,
      (session) => {
        if ((session.intents & needed) === 0) return undefined;
        const content = (session.intents & GatewayIntentBits.MessageContent) !== 0;
        return gate(payload, this.world.bot.id, { content, dm });
      },
      payload.guild_id,
    );
  }

  /** Asks connected clients to reconnect (op 7); they resume and get what they missed. */
  requestReconnect(): void {
    this.#gateway.requestReconnect();
  }

  /** Resolves with the first recorded call (past or future) matching `predicate`. */
  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 5_000): Promise<RecordedCall> {
    return waitForCall(this, predicate, timeoutMs, {
      name: "fake discord",
      line: (c) => `${c.method} ${c.path} → ${c.status}`,
    });
  }

  interaction(id: string): InteractionRecord | undefined {
    return this.#interactions.get(id);
  }

  message(id: string): StoredMessage | undefined {
    return this.#messages.get(id);
  }

  /** Messages (not deleted) in a channel, oldest first; ephemeral ones included. */
  messagesIn(channelId: string): StoredMessage[] {
    return this.#messages.all().filter((m) => m.message.channel_id === channelId);
  }

  /** Takes the bot's Send Messages away in a channel (true) or gives it back (false). */
  denySend(channelId: string, denied = true): void {
    if (denied) this.world.cannotSend.add(channelId);
    else this.world.cannotSend.delete(channelId);
  }

  /** Messages the bot sent a person directly. */
  directMessagesTo(userId: string): StoredMessage[] {
    const dm = this.world.dms.get(userId);
    return dm === undefined ? [] : this.messagesIn(dm.id);
  }

  /** Registered commands: global, or of a guild. */
  commands(guildId?: string): readonly APIApplicationCommand[] {
    return this.#commands.get(guildId ?? "global") ?? [];
  }
}
