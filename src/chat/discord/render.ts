// View → a Discord message: one embed (tone as colour, blocks as description and fields) and
// buttons in action rows. Discord's limits (message.mdx "Embed Limits"; components/reference.mdx):
// title 256, description 4096, 25 fields of name 256 / value 1024, 6000 characters in all; 5
// buttons per row, 5 rows, labels 80. Over a limit the text is cut with an ellipsis, never refused.
// Lengths are counted in UTF-16 code units: the docs don't name the unit, and a count in code units
// is never below one in code points, so a message within it is within Discord's limit either way
// (an emoji is 1 code point but 2 units; counted as 1, a long prompt of emoji was refused with 400).
// All text is plain: Discord markdown in it is escaped, so a prompt's masked link or heading shows
// as typed.

import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import { truncateUnits } from "../../core/text.ts";
import type { Block, Button, Tone, View } from "../../core/views/view.ts";
import { encodeCustomId } from "./custom-id.ts";
import { escapeMarkdown } from "./markdown.ts";

export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  total: 6000,
  buttonsPerRow: 5,
  rows: 5,
  label: 80,
} as const;

const COLORS: Readonly<Record<Tone, number>> = {
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  error: 0xed4245,
};

const STYLES: Readonly<Record<Button["style"], APIButtonComponentWithCustomId["style"]>> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  danger: ButtonStyle.Danger,
};

export interface DiscordMessage {
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
}

/** Cuts `text` to `max` UTF-16 code units, ending with "…" when cut. */
export const truncate = truncateUnits;

const length = (text: string | undefined): number => (text === undefined ? 0 : text.length);

function describe(block: Block): string | undefined {
  switch (block.kind) {
    case "text":
      return escapeMarkdown(block.text);
    case "list":
      return block.items.map((item) => `• ${escapeMarkdown(item)}`).join("\n");
    case "code":
      return `\`\`\`\n${block.text.replaceAll("```", "ʼʼʼ")}\n\`\`\``;
    case "table":
      return [block.headers, ...block.rows].map((row) => row.map(escapeMarkdown).join(" · ")).join("\n");
    default:
      return undefined;
  }
}

function fieldsOf(blocks: readonly Block[]): APIEmbedField[] {
  return blocks
    .flatMap((b) => (b.kind === "fields" ? b.items : []))
    .slice(0, LIMITS.fields)
    .map(([name, value]) => ({
      // Discord refuses empty names and values.
      name: truncate(name === "" ? "\u200b" : escapeMarkdown(name), LIMITS.fieldName),
      value: truncate(value === "" ? "—" : escapeMarkdown(value), LIMITS.fieldValue),
      inline: length(value) <= 40,
    }));
}

function rowsOf(view: View): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const buttons = view.blocks
    .flatMap((b) => (b.kind === "buttons" ? b.buttons : []))
    .flatMap((b): APIButtonComponentWithCustomId[] => {
      const customId = view.subject === undefined ? undefined : encodeCustomId(b.action, view.subject);
      if (customId === undefined) return [];
      return [
        {
          type: ComponentType.Button,
          custom_id: customId,
          label: truncate(b.label, LIMITS.label),
          style: STYLES[b.style],
        },
      ];
    })
    .slice(0, LIMITS.buttonsPerRow * LIMITS.rows);
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return rows;
}

/** Keeps the embed within 6000 characters: the description gives way first, then trailing fields. */
function fitTotal(embed: APIEmbed): APIEmbed {
  const fields = [...(embed.fields ?? [])];
  const total = (): number =>
    length(embed.title) +
    length(embed.footer?.text) +
    fields.reduce((n, f) => n + length(f.name) + length(f.value), 0);
  let description = embed.description;
  const room = LIMITS.total - total();
  if (description !== undefined && length(description) > room) {
    description = room > 1 ? truncate(description, room) : undefined;
  }
  while (fields.length > 0 && total() + length(description) > LIMITS.total) fields.pop();
  const { description: _d, fields: _f, ...rest } = embed;
  return {
    ...rest,
    ...(description === undefined ? {} : { description }),
    ...(fields.length === 0 ? {} : { fields }),
  };
}

/** The message a view becomes on Discord. `image`: an `attachment://` or https URL to show. */
export function renderView(view: View, options: { image?: string } = {}): DiscordMessage {
  const text = view.blocks.map(describe).filter((t): t is string => t !== undefined && t !== "");
  const description = text.length === 0 ? undefined : truncate(text.join("\n\n"), LIMITS.description);
  const fields = fieldsOf(view.blocks);
  const embed = fitTotal({
    title: truncate(view.title === "" ? "framecast" : escapeMarkdown(view.title), LIMITS.title),
    color: COLORS[view.tone],
    ...(description === undefined ? {} : { description }),
    ...(fields.length === 0 ? {} : { fields }),
    ...(options.image === undefined ? {} : { image: { url: options.image } }),
  });
  return { embeds: [embed], components: rowsOf(view) };
}
