// "Animate with framecast" on a message: the form it opens (or why that message can't be
// animated), and a submitted form as a /video with the message's pictures as frames. The pictures
// are kept while a form may be open (an interaction's 15 minutes); after a restart the message is
// read again.

import {
  type APIInteraction,
  type APIMessage,
  type APIMessageApplicationCommandInteraction,
  type APIModalSubmitInteraction,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from "discord.js";
import type { Reply } from "../../app/ports.ts";
import type { ChatEvent } from "../../core/chat-event.ts";
import { imageGoneView, noImageView } from "../../core/views/notices.ts";
import { ANIMATE_ACTION, animateModal, animateRequest, imagesOf, modalFields } from "./animate.ts";
import { ANIMATE_COMMAND_NAME } from "./commands.ts";
import { decodeCustomId } from "./custom-id.ts";
import { renderView } from "./render.ts";
import { askerOf } from "./to-event.ts";

const FORM_LIFE_MS = 15 * 60_000;
const MAX_OPEN_FORMS = 1_000;

export class AnimateForms {
  /** Target message id → its images, for forms opened and not yet submitted. */
  readonly #open = new Map<string, { images: string[]; at: number }>();
  readonly #now: () => number;
  readonly #callback: (interaction: APIInteraction, body: object) => Promise<void>;
  readonly #readMessage: (channelId: string, messageId: string) => Promise<APIMessage | undefined>;

  constructor(options: {
    now: () => number;
    callback: (interaction: APIInteraction, body: object) => Promise<void>;
    readMessage: (channelId: string, messageId: string) => Promise<APIMessage | undefined>;
  }) {
    this.#now = options.now;
    this.#callback = options.callback;
    this.#readMessage = options.readMessage;
  }

  /** The form for the message's pictures, or a private word on why there is none. */
  async open(interaction: APIMessageApplicationCommandInteraction): Promise<void> {
    const target = interaction.data.resolved.messages[interaction.data.target_id];
    const images = target === undefined ? [] : imagesOf(target);
    const modal = images.length === 0 ? undefined : animateModal(interaction.data.target_id, images.length);
    if (modal === undefined) {
      await this.#callback(interaction, {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { ...renderView(noImageView()), flags: MessageFlags.Ephemeral },
      });
      return;
    }
    const now = this.#now();
    for (const [id, form] of this.#open)
      if (now - form.at > FORM_LIFE_MS || this.#open.size >= MAX_OPEN_FORMS) this.#open.delete(id);
    this.#open.set(interaction.data.target_id, { images, at: now });
    await this.#callback(interaction, { type: InteractionResponseType.Modal, data: modal });
  }

  /** A submitted form → /video with the target message's images as frames. */
  async submitted(
    interaction: APIModalSubmitInteraction,
    messageId: string,
    reply: Reply,
  ): Promise<ChatEvent | undefined> {
    const asker = askerOf(interaction);
    if (asker === undefined) return undefined;
    // Kept since the form opened; after a restart, read the message again (it may be gone).
    const kept = this.#open.get(messageId)?.images;
    const channelId = interaction.channel?.id ?? interaction.channel_id ?? "";
    const images = kept ?? imagesOf((await this.#readMessage(channelId, messageId)) ?? {});
    if (images.length === 0) {
      await reply.notify(imageGoneView());
      return undefined;
    }
    this.#open.delete(messageId);
    return {
      ...asker,
      attachedImages: images,
      input: { kind: "video-options", options: animateRequest(modalFields(interaction), images) },
    };
  }
}

export function isAnimateCommand(
  interaction: APIInteraction,
): interaction is APIMessageApplicationCommandInteraction {
  return (
    interaction.type === InteractionType.ApplicationCommand &&
    interaction.data.type === ApplicationCommandType.Message &&
    interaction.data.name === ANIMATE_COMMAND_NAME
  );
}

/** A submitted animate form and the message it was opened on. */
export function animateFormTarget(
  interaction: APIInteraction,
): { interaction: APIModalSubmitInteraction; messageId: string } | undefined {
  if (interaction.type !== InteractionType.ModalSubmit) return undefined;
  const id = decodeCustomId(interaction.data.custom_id);
  return id?.action === ANIMATE_ACTION && /^\d{17,20}$/u.test(id.subject)
    ? { interaction, messageId: id.subject }
    : undefined;
}
