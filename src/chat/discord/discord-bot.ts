// The Discord runner: a gateway connection (discord.js) that hands each raw INTERACTION_CREATE to
// the command handler with an InteractionReply as its chat, and the shared DiscordChat the job
// engine edits and uploads through. Only guild interactions framecast registered are handled.

import { once } from "node:events";
import {
  type APIInteraction,
  Client,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  InteractionType,
} from "discord.js";
import type { BotDeps } from "../../app/deps.ts";
import { createCommandHandler } from "../../app/handle-command.ts";
import { internalErrorView } from "../../core/views/notices.ts";
import { DiscordChat } from "./discord-chat.ts";
import { InteractionReply } from "./interaction-reply.ts";
import { restOptions } from "./rest-options.ts";
import { answersPublicly, conversationOf, toChatEvent } from "./to-event.ts";

export interface DiscordBotOptions {
  /** Secret: never logged. */
  readonly token: string;
  /** Discord's API base without the version, e.g. https://discord.com/api. */
  readonly apiUrl: string;
  /** Receive message text (privileged; only the reply-to-image path needs it). */
  readonly messageContent?: boolean;
  readonly now?: () => number;
  /** Where to report failures of our own (never shown in chat). */
  readonly logError: (error: unknown, reference: string) => void;
}

export class DiscordBot {
  readonly chat: DiscordChat;
  /** Answer directly when the handler is this quick; defer after (Discord's deadline is 3 s). */
  deferAfterMs = 1_000;
  readonly #client: Client;
  readonly #options: DiscordBotOptions;
  readonly #now: () => number;
  #failures = 0;
  readonly #inFlight = new Set<Promise<void>>();

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
    });
    // The engine may edit (resumed jobs) before the gateway is up: REST needs the token now.
    this.#client.rest.setToken(options.token);
    this.chat = new DiscordChat(this.#client.rest, this.#now);
  }

  /** Connects and handles interactions until stop(); resolves once the gateway is ready. */
  async start(deps: Omit<BotDeps, "chat">): Promise<void> {
    this.#client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: APIInteraction) => {
      const done = this.#handle(deps, data);
      this.#inFlight.add(done);
      void done.finally(() => this.#inFlight.delete(done));
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
    const event = toChatEvent(interaction);
    if (event === undefined) return;
    const reply = new InteractionReply(
      this.#client.rest,
      this.chat,
      {
        id: interaction.id,
        applicationId: interaction.application_id,
        token: interaction.token,
        receivedAt: this.#now(),
      },
      { deferAfterMs: this.deferAfterMs, private: !answersPublicly(event) },
    );
    try {
      await createCommandHandler({ ...deps, chat: reply })(event);
    } catch (error) {
      const reference = `discord-${++this.#failures}`;
      this.#options.logError(error, reference);
      await reply.notify(conversation, internalErrorView(reference)).catch((e: unknown) => {
        this.#options.logError(e, `${reference}-reply`);
      });
    } finally {
      reply.close();
    }
  }
}
