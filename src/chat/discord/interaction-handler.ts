// One Discord interaction, however it arrived (the gateway's INTERACTION_CREATE or a signed HTTP
// request): autocomplete, the Animate form, or a command/button/modal run by the command handler
// with an InteractionReply (its Reply). The first response goes through the `respond` it is given
// (the callback endpoint, or the HTTP answer); everything later through the interaction's webhook
// and the shared DiscordChat (the token handed over through InteractionTokens). Nothing here outlives the interaction, so any instance can take any.

import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIInteraction,
  type APIMessage,
  InteractionResponseType,
  InteractionType,
  type REST,
} from "discord.js";
import type { BotDeps } from "../../app/deps.ts";
import { createCommandHandler } from "../../app/handle-command.ts";
import type { Conversation } from "../../core/chat-event.ts";
import { AnimateForms, animateFormTarget, isAnimateCommand } from "./animate-forms.ts";
import { autocompleteChoices } from "./autocomplete.ts";
import { callbackResponder, type Responder } from "./callback.ts";
import type { DiscordChat } from "./discord-chat.ts";
import type { Guard } from "./guard.ts";
import { InteractionReply } from "./interaction-reply.ts";
import type { InteractionTokens } from "./interaction-tokens.ts";
import { answersPublicly, conversationOf, toChatEvent } from "./to-event.ts";

export interface InteractionHandlerOptions {
  readonly apiUrl: string;
  readonly chat: DiscordChat;
  /** Where an answer's interaction token is left for DiscordChat's later edits. */
  readonly tokens: InteractionTokens;
  /** Interaction webhooks (follow-ups, @original): not held to the bot's global limit. */
  readonly interactionRest: REST;
  readonly now: () => number;
  readonly guard: Guard;
  readonly readMessage: (channelId: string, messageId: string) => Promise<APIMessage | undefined>;
}

export class InteractionHandler {
  readonly #options: InteractionHandlerOptions;
  readonly #forms: AnimateForms;
  /** The first-response channel of each interaction being handled, by interaction id. */
  readonly #responders = new Map<string, Responder>();

  constructor(options: InteractionHandlerOptions) {
    this.#options = options;
    this.#forms = new AnimateForms({
      now: options.now,
      callback: async (interaction, body) => {
        await this.#responderOf(interaction)(body as { type: number }, false);
      },
      readMessage: options.readMessage,
    });
  }

  /** Handles one interaction; `deferAfterMs` is when to say "thinking…" if nothing was said yet. */
  async handle(
    deps: BotDeps,
    interaction: APIInteraction,
    respond: Responder | undefined,
    deferAfterMs: number,
  ): Promise<void> {
    const conversation = conversationOf(interaction);
    if (conversation === undefined || interaction.type === InteractionType.Ping) return;
    this.#responders.set(interaction.id, respond ?? callbackResponder(this.#options.apiUrl, interaction));
    try {
      await this.#run(deps, conversation, interaction, deferAfterMs);
    } finally {
      this.#responders.delete(interaction.id);
    }
  }

  async #run(
    deps: BotDeps,
    conversation: Conversation,
    interaction: APIInteraction,
    deferAfterMs: number,
  ): Promise<void> {
    const { chat, guard } = this.#options;
    chat.rememberUploadLimit(conversation.workspaceId, interaction.attachment_size_limit);
    if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
      await guard.run(undefined, () => this.#autocomplete(deps, conversation, interaction));
      return;
    }
    if (isAnimateCommand(interaction)) {
      await guard.run(undefined, () => this.#forms.open(interaction));
      return;
    }
    const animateOf = animateFormTarget(interaction);
    const event = animateOf === undefined ? toChatEvent(interaction) : undefined;
    if (event === undefined && animateOf === undefined) return;
    const reply = new InteractionReply(
      this.#options.interactionRest,
      this.#options.tokens,
      {
        conversation,
        id: interaction.id,
        applicationId: interaction.application_id,
        token: interaction.token,
        receivedAt: this.#options.now(),
      },
      // An animate form starts a video: answered publicly, like /video.
      {
        deferAfterMs,
        private: event !== undefined && !answersPublicly(event),
        respond: this.#responderOf(interaction),
      },
    );
    try {
      await guard.run(reply, async () => {
        const asked =
          event ??
          (animateOf === undefined
            ? undefined
            : await this.#forms.submitted(animateOf.interaction, animateOf.messageId, reply));
        if (asked !== undefined) await createCommandHandler(deps)(asked, reply);
      });
    } finally {
      reply.close();
    }
  }

  async #autocomplete(
    deps: BotDeps,
    conversation: Conversation,
    interaction: APIApplicationCommandAutocompleteInteraction,
  ): Promise<void> {
    const settings = await deps.settings.get(conversation.platform, conversation.workspaceId);
    const choices = autocompleteChoices(interaction.data.options, settings.defaultModel);
    await this.#responderOf(interaction)(
      { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } },
      false,
    );
  }

  #responderOf(interaction: APIInteraction): Responder {
    return this.#responders.get(interaction.id) ?? callbackResponder(this.#options.apiUrl, interaction);
  }
}
