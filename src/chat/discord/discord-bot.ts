// The Discord runner: a gateway connection (discord.js) that hands each raw INTERACTION_CREATE to
// the command handler with an InteractionReply as its chat, and the shared DiscordChat the job
// engine edits and uploads through. Only guild interactions framecast registered are handled.

import { once } from "node:events";
import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIInteraction,
  type APIMessage,
  Client,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  type GatewayMessageCreateDispatchData,
  InteractionResponseType,
  InteractionType,
  REST,
  Routes,
} from "discord.js";
import type { Bot } from "../../app/bot.ts";
import type { BotDeps } from "../../app/deps.ts";
import { createCommandHandler } from "../../app/handle-command.ts";
import type { ChatPort } from "../../app/ports.ts";
import type { Conversation } from "../../core/chat-event.ts";
import { imageHiddenView, internalErrorView } from "../../core/views/notices.ts";
import { AnimateForms, animateFormTarget, isAnimateCommand } from "./animate-forms.ts";
import { autocompleteChoices } from "./autocomplete.ts";
import { sendCallback } from "./callback.ts";
import { DiscordChat } from "./discord-chat.ts";
import { InteractionReply } from "./interaction-reply.ts";
import { mentionEvent, mentionsBot, messageConversation } from "./mention.ts";
import { MessageReply } from "./message-reply.ts";
import { interactionRestOptions, restOptions } from "./rest-options.ts";
import { answersPublicly, conversationOf, toChatEvent } from "./to-event.ts";

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
  readonly now?: () => number;
  /** Where to report failures of our own (never shown in chat). */
  readonly logError: (error: unknown, reference: string) => void;
}

export class DiscordBot implements Bot {
  readonly platform = "discord";
  readonly chat: DiscordChat;
  /** The gateway connects out: nothing on the HTTP server. */
  readonly mounts = [];
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
  #failures = 0;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #forms: AnimateForms;

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
    this.chat = new DiscordChat(this.#client.rest, this.#now, this.#interactionRest);
    this.#forms = new AnimateForms({
      now: this.#now,
      callback: (interaction, body) => this.#callback(interaction, body),
      readMessage: (channelId, messageId) => this.#readMessage(channelId, messageId),
    });
  }

  /** Connects and handles interactions until stop(); resolves once the gateway is ready. */
  async start(deps: Omit<BotDeps, "chat">): Promise<void> {
    const track = (done: Promise<void>): void => {
      this.#inFlight.add(done);
      void done.finally(() => this.#inFlight.delete(done));
    };
    this.#client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: APIInteraction) => {
      track(this.#handle(deps, data));
    });
    this.#client.ws.on(GatewayDispatchEvents.MessageCreate, (data: GatewayMessageCreateDispatchData) => {
      track(this.#mention(deps, data));
    });
    const ready = once(this.#client, Events.ClientReady);
    await this.#client.login(this.#options.token);
    await ready;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.#inFlight]);
    await this.#client.destroy();
  }

  async #handle(deps: Omit<BotDeps, "chat">, interaction: APIInteraction): Promise<void> {
    const conversation = conversationOf(interaction);
    if (conversation === undefined || interaction.type === InteractionType.Ping) return;
    this.chat.rememberUploadLimit(conversation.workspaceId, interaction.attachment_size_limit);
    if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
      await this.#guard(conversation, undefined, () => this.#autocomplete(deps, conversation, interaction));
      return;
    }
    if (isAnimateCommand(interaction)) {
      await this.#guard(conversation, undefined, () => this.#forms.open(interaction));
      return;
    }
    const animateOf = animateFormTarget(interaction);
    const event = animateOf === undefined ? toChatEvent(interaction) : undefined;
    if (event === undefined && animateOf === undefined) return;
    const reply = new InteractionReply(
      this.#interactionRest,
      this.chat,
      {
        id: interaction.id,
        applicationId: interaction.application_id,
        token: interaction.token,
        receivedAt: this.#now(),
      },
      // An animate form starts a video: answered publicly, like /video.
      {
        deferAfterMs: this.#inFlight.size > this.busyAt ? 0 : this.deferAfterMs,
        private: event !== undefined && !answersPublicly(event),
      },
    );
    try {
      await this.#guard(conversation, reply, async () => {
        const asked =
          event ??
          (animateOf === undefined
            ? undefined
            : await this.#forms.submitted(animateOf.interaction, animateOf.messageId, reply));
        if (asked !== undefined) await createCommandHandler({ ...deps, chat: reply })(asked);
      });
    } finally {
      reply.close();
    }
  }

  /** A mention of the bot in a message: the command it asks for, answered as replies to it. */
  async #mention(deps: Omit<BotDeps, "chat">, message: GatewayMessageCreateDispatchData): Promise<void> {
    const botId = this.#client.user?.id;
    if (botId === undefined || !mentionsBot(message, botId)) return;
    const conversation = messageConversation(message);
    const reply = new MessageReply(this.chat, message.id);
    await this.#guard(conversation, reply, async () => {
      const replied = await this.#repliedTo(message);
      if (replied !== undefined && this.#options.messageContent !== true && looksHidden(replied)) {
        await reply.notify(conversation, imageHiddenView());
        return;
      }
      await createCommandHandler({ ...deps, chat: reply })(mentionEvent(message, botId, replied));
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

  async #autocomplete(
    deps: Omit<BotDeps, "chat">,
    conversation: Conversation,
    interaction: APIApplicationCommandAutocompleteInteraction,
  ): Promise<void> {
    const settings = await deps.settings.get(conversation.platform, conversation.workspaceId);
    const choices = autocompleteChoices(interaction.data.options, settings.defaultModel);
    await this.#callback(interaction, {
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices },
    });
  }

  async #callback(interaction: APIInteraction, body: object): Promise<void> {
    await sendCallback(this.#options.apiUrl, interaction, body);
  }

  /** Runs `work`; a failure of ours is logged with a reference and told to the person, never thrown. */
  async #guard(
    conversation: Conversation,
    chat: ChatPort | undefined,
    work: () => Promise<void>,
  ): Promise<void> {
    try {
      await work();
    } catch (error) {
      const reference = `discord-${++this.#failures}`;
      this.#options.logError(error, reference);
      await chat?.notify(conversation, internalErrorView(reference)).catch((e: unknown) => {
        this.#options.logError(e, `${reference}-reply`);
      });
    }
  }
}

/** Without the Message Content intent Discord blanks others' messages: nothing to read at all. */
function looksHidden(message: APIMessage): boolean {
  return message.content === "" && message.attachments.length === 0 && message.embeds.length === 0;
}
