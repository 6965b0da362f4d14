// "Animate with framecast": the message command opens a modal (prompt, duration, optional ratio)
// and its submission becomes /video with the message's images as first (and last) frame. Pure
// helpers: which images a message holds, the modal, and the request a submitted modal makes.

import {
  type APIMessage,
  type APIModalInteractionResponseCallbackData,
  type APIModalSubmitInteraction,
  ComponentType,
  TextInputStyle,
} from "discord.js";
import { PROMPT_MAX_CHARS } from "../../core/catalog.ts";
import type { RawRequest } from "../../core/request.ts";
import { encodeCustomId } from "./custom-id.ts";

/** The modal's action (custom id `fc:animate:<message id>`). */
export const ANIMATE_ACTION = "animate";

const IMAGE_TYPES = /^image\/(png|jpeg|jpg|webp|gif)$/u;
const IMAGE_NAMES = /\.(png|jpe?g|webp|gif)$/iu;

type AttachmentLike = Pick<APIMessage["attachments"][number], "url" | "filename"> & {
  readonly content_type?: string | undefined;
};

/** The image attachments of a message, in order (at most the two a request can use). */
export function imagesOf(message: { readonly attachments?: readonly AttachmentLike[] }): string[] {
  return (message.attachments ?? [])
    .filter((a) =>
      a.content_type === undefined ? IMAGE_NAMES.test(a.filename) : IMAGE_TYPES.test(a.content_type),
    )
    .slice(0, 2)
    .map((a) => a.url);
}

const FIELD = { prompt: "prompt", duration: "duration", ratio: "ratio" } as const;

/** The modal asking what should happen in the image; undefined if the id would not fit. */
export function animateModal(
  messageId: string,
  imageCount: number,
): APIModalInteractionResponseCallbackData | undefined {
  const customId = encodeCustomId(ANIMATE_ACTION, messageId);
  if (customId === undefined) return undefined;
  const row = (input: {
    custom_id: string;
    label: string;
    style: TextInputStyle;
    required: boolean;
    placeholder: string;
    max_length: number;
  }) => ({
    type: ComponentType.ActionRow as const,
    components: [{ type: ComponentType.TextInput as const, ...input }],
  });
  return {
    custom_id: customId,
    title: imageCount > 1 ? "Animate from first to last image" : "Animate this image",
    components: [
      row({
        custom_id: FIELD.prompt,
        label: "What happens?",
        style: TextInputStyle.Paragraph,
        required: true,
        placeholder: "the waves crash against the rocks",
        max_length: Math.min(PROMPT_MAX_CHARS, 4000),
      }),
      row({
        custom_id: FIELD.duration,
        label: "Seconds (optional)",
        style: TextInputStyle.Short,
        required: false,
        placeholder: "5 (v5.6: 5, 8 or 10; v6: 1–15)",
        max_length: 3,
      }),
      row({
        custom_id: FIELD.ratio,
        label: "Aspect ratio (optional: the image decides)",
        style: TextInputStyle.Short,
        required: false,
        placeholder: "9:16",
        max_length: 5,
      }),
    ],
  };
}

/** A submitted modal's text inputs by custom id (classic action rows or labelled components). */
export function modalFields(interaction: APIModalSubmitInteraction): Map<string, string> {
  const fields = new Map<string, string>();
  const visit = (component: unknown): void => {
    if (typeof component !== "object" || component === null) return;
    const c = component as {
      custom_id?: unknown;
      value?: unknown;
      components?: unknown;
      component?: unknown;
    };
    if (typeof c.custom_id === "string" && typeof c.value === "string") fields.set(c.custom_id, c.value);
    if (Array.isArray(c.components)) for (const child of c.components) visit(child);
    if (c.component !== undefined) visit(c.component);
  };
  for (const component of interaction.data.components as readonly unknown[]) visit(component);
  return fields;
}

/** The /video options a submitted animate modal asks for, with the images as frames. */
export function animateRequest(fields: ReadonlyMap<string, string>, images: readonly string[]): RawRequest {
  const raw: { -readonly [K in keyof RawRequest]: RawRequest[K] } = {
    prompt: fields.get(FIELD.prompt) ?? "",
  };
  const duration = fields.get(FIELD.duration)?.trim();
  if (duration !== undefined && duration !== "") raw.duration = duration.replace(/\s*s(ec(ond)?s?)?$/iu, "");
  const ratio = fields.get(FIELD.ratio)?.trim();
  if (ratio !== undefined && ratio !== "") raw.ratio = ratio;
  const [first, last] = images;
  if (first !== undefined) raw.firstFrame = first;
  if (last !== undefined) raw.lastFrame = last;
  return raw;
}
