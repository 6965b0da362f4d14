// The Discord runner: a gateway connection (discord.js) for INTERACTION_CREATE and mentions, and,
// with the application's public key, the HTTP interactions endpoint on the bot's HTTP server; both
// hand each interaction to the InteractionHandler. DiscordChat is the JobMessages the job engine
// edits and uploads through. Only interactions framecast registered are handled.

import { once } from "node:events";
import {
  type APIInteraction,
  type APIMessage,
  Client,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  type GatewayMessageCreateDispatchData,
  REST,
  Routes,
} from "discord.js";
import type { Bot, HttpMount } from "../../app/bot.ts";
import type { BotDeps } from "../../app/deps.ts";
import { createCommandHandler } from "../../app/handle-command.ts";
import { imageHiddenView } from "../../core/views/notices.ts";
import type { Responder } from "./callback.ts";
import { DiscordChat } from "./discord-chat.ts";
import { Guard } from "./guard.ts";
import { DISCORD_INTERACTIONS_PATH, interactionsEndpoint } from "./http-interactions.ts";
import { InteractionHandler } from "./interaction-handler.ts";
import { InteractionTokens } from "./interaction-tokens.ts";
import { mentionEvent, mentionsBot, messageConversation } from "./mention.ts";
import { MessageReply } from "./message-reply.ts";
import { interactionRestOptions, restOptions } from "./rest-options.ts";

export interface DiscordBotOptions {
  /** Secret: never logged. */
  readonly token: string;
  /** Discord's API base without the version, e.g. https://discord.com/api. */
  readonly apiUrl: string;
  /**
   * Which gateway shards this process connects (gateway.mdx "Sharding"): "auto" for as many as
   * Discord recommends, all in this process; or some of `count`, so that N instances on one
   * database each take their own guilds. Unset: one shard.
   */
  readonly shards?: "auto" | { readonly ids: readonly number[]; readonly count: number };
  /** Receive message text (privileged; only the reply-to-image path needs it). */
  readonly messageContent?: boolean;
  /** Set: serve Discord's HTTP interactions at /discord/interactions, verified with this key (hex). */
  readonly publicKey?: string;
  /** Connect to the gateway (default true); false: HTTP interactions only, no mentions. */
  readonly gateway?: boolean;
  readonly now?: () => number;
  /** Where to report failures of our own (never shown in chat). */
  readonly logError: (error: unknown, reference: string) => void;
}

export class DiscordBot implements Bot {
  readonly platform = "discord";
  readonly messages: DiscordChat;
  /** The HTTP interactions endpoint, with a public key; the gateway connects out. */
  readonly mounts: readonly HttpMount[];
  /** Answer directly when the handler is this quick; defer after (Discord's deadline is 3 s). */
  deferAfterMs = 1_000;
  /**
   * With this many commands already being handled, the bot is busy (a burst, a slow database):
   * a new one is deferred at once, before anything else is done for it, rather than after
   * `deferAfterMs`, so the acknowledgement never waits behind the others' database work
   * (bench/discord-ack.ts: p50 1 s → 4 ms at 200/s), nor for a timer on a busy event loop (a 1 ms
   * timer: ack p50 11.5 ms, p99 37.5 ms; at once: 6.5 ms, 29.1 ms, with the engine tracking
   * thousands of jobs).
   */
  busyAt = 4;
  readonly #client: Client;
  /** Interaction callbacks and webhooks: not held to the bot's global limit. */
  readonly #interactionRest: REST;
  readonly #options: DiscordBotOptions;
  readonly #now: () => number;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #guard: Guard;
  readonly #interactions: InteractionHandler;
  #deps: BotDeps | undefined;

  constructor(options: DiscordBotOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#client = new Client({
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.GuildMessages,
        ...(options.messageContent === true ? [GatewayIntentBits.MessageContent] : []),
      ],
      rest: restOptions(options.apiUrl),
      ...(options.shards === undefined
        ? {}
        : options.shards === "auto"
          ? { shards: "auto" as const }
          : { shards: [...options.shards.ids], shardCount: options.shards.count }),
    });
    // The engine may edit (resumed jobs) before the gateway is up: REST needs the token now.
    this.#client.rest.setToken(options.token);
    this.#interactionRest = new REST(interactionRestOptions(options.apiUrl));
    const tokens = new InteractionTokens(this.#now);
    this.messages = new DiscordChat(this.#client.rest, tokens, this.#interactionRest);
    this.#guard = new Guard(options.logError);
    this.#interactions = new InteractionHandler({
      apiUrl: options.apiUrl,
      chat: this.messages,
      tokens,
      interactionRest: this.#interactionRest,
      now: this.#now,
      guard: this.#guard,
      readMessage: (channelId, messageId) => this.#readMessage(channelId, messageId),
    });
    const publicKey = options.publicKey;
    this.mounts =
      publicKey === undefined
        ? []
        : [
            {
              prefix: DISCORD_INTERACTIONS_PATH,
              listener: interactionsEndpoint({
                publicKey,
                apiUrl: options.apiUrl,
                now: this.#now,
                handler: () => (this.#deps === undefined ? undefined : (i, r) => this.#interaction(i, r)),
              }),
            },
          ];
  }

  /** Connects and handles interactions until stop(); resolves once the gateway is ready. */
  async start(deps: BotDeps): Promise<void> {
    this.#deps = deps;
    if (this.#options.gateway === false) return;
    this.#client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: APIInteraction) => {
      void this.#interaction(data, undefined);
    });
    this.#client.ws.on(GatewayDispatchEvents.MessageCreate, (data: GatewayMessageCreateDispatchData) => {
      this.#track(this.#mention(deps, data));
    });
    const ready = once(this.#client, Events.ClientReady);
    await this.#client.login(this.#options.token);
    await ready;
  }

  async stop(): Promise<void> {
    this.#deps = undefined;
    await Promise.allSettled([...this.#inFlight]);
    await this.#client.destroy();
  }

  /** An interaction from the gateway (`respond` unset: the callback endpoint) or over HTTP. */
  #interaction(interaction: APIInteraction, respond: Responder | undefined): Promise<void> {
    const deps = this.#deps;
    if (deps === undefined) return Promise.resolve();
    const deferAfterMs = this.#inFlight.size > this.busyAt ? 0 : this.deferAfterMs;
    return this.#track(this.#interactions.handle(deps, interaction, respond, deferAfterMs));
  }

  #track(done: Promise<void>): Promise<void> {
    this.#inFlight.add(done);
    void done.finally(() => this.#inFlight.delete(done));
    return done;
  }

  /** A mention of the bot in a message: the command it asks for, answered as replies to it. */
  async #mention(deps: BotDeps, message: GatewayMessageCreateDispatchData): Promise<void> {
    const botId = this.#client.user?.id;
    if (botId === undefined || !mentionsBot(message, botId)) return;
    const conversation = messageConversation(message);
    const reply = new MessageReply(this.messages, conversation, message.id);
    await this.#guard.run(reply, async () => {
      const replied = await this.#repliedTo(message);
      if (replied !== undefined && this.#options.messageContent !== true && looksHidden(replied)) {
        await reply.notify(imageHiddenView());
        return;
      }
      await createCommandHandler(deps)(mentionEvent(message, botId, replied), reply);
    });
  }

  /** The message a reply answers: the gateway usually includes it; else read it (may be gone). */
  async #repliedTo(message: GatewayMessageCreateDispatchData): Promise<APIMessage | undefined> {
    if (message.referenced_message !== undefined && message.referenced_message !== null)
      return message.referenced_message;
    const reference = message.message_reference;
    if (reference?.message_id === undefined) return undefined;
    return this.#readMessage(reference.channel_id ?? message.channel_id, reference.message_id);
  }

  async #readMessage(channelId: string, messageId: string): Promise<APIMessage | undefined> {
    try {
      return (await this.#client.rest.get(Routes.channelMessage(channelId, messageId))) as APIMessage;
    } catch {
      return undefined;
    }
  }
}

/** Without the Message Content intent Discord blanks others' messages: nothing to read at all. */
function looksHidden(message: APIMessage): boolean {
  return message.content === "" && message.attachments.length === 0 && message.embeds.length === 0;
}
