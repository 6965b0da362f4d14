// View → a Slack message: Block Kit blocks plus a plain `text` fallback (notifications, screen
// readers). Limits (@slack/types block-kit; platforms.md §5): 50 blocks per message, header text
// 150, section text 3000, 10 fields of 2000 each, 25 elements per actions block, button text 75.
// Over a limit the text is cut with an ellipsis, never refused. User text is escaped (&, <, >).
// Lengths are counted in UTF-16 code units (never fewer than characters, whichever Slack counts).

import type { ActionsBlock, KnownBlock, SectionBlock, Button as SlackButton } from "@slack/types";
import { truncateUnits } from "../../core/text.ts";
import type { Block, Button, Tone, View } from "../../core/views/view.ts";
import { encodeActionId } from "./action-id.ts";

export const LIMITS = {
  blocks: 50,
  header: 150,
  section: 3000,
  fields: 10,
  field: 2000,
  buttons: 25,
  buttonText: 75,
  text: 3000,
} as const;

const ICONS: Readonly<Record<Tone, string>> = {
  info: ":information_source:",
  success: ":white_check_mark:",
  warning: ":warning:",
  error: ":x:",
};

export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

/** Cuts `text` to `max` UTF-16 code units, ending with "…" when cut. */
export const truncate = truncateUnits;

/** Slack's mrkdwn control characters, escaped as Slack asks. */
export const escapeText = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

const section = (text: string): SectionBlock => ({
  type: "section",
  text: { type: "mrkdwn", text: truncate(text === "" ? " " : text, LIMITS.section) },
});

function blockOf(block: Block, view: View): KnownBlock[] {
  switch (block.kind) {
    case "text":
      return block.text === "" ? [] : [section(escapeText(block.text))];
    case "list":
      return [section(block.items.map((item) => `• ${escapeText(item)}`).join("\n"))];
    case "code":
      return [section(`\`\`\`${block.text.replaceAll("```", "ʼʼʼ")}\`\`\``)];
    case "table":
      return [
        section(
          [
            `*${block.headers.map(escapeText).join(" · ")}*`,
            ...block.rows.map((r) => r.map(escapeText).join(" · ")),
          ].join("\n"),
        ),
      ];
    case "fields": {
      const fields = block.items.map(([label, value]) => ({
        type: "mrkdwn" as const,
        text: truncate(`*${escapeText(label)}*\n${escapeText(value === "" ? "—" : value)}`, LIMITS.field),
      }));
      // A section holds 10 fields: more go on in the next section.
      const sections: KnownBlock[] = [];
      for (let i = 0; i < fields.length; i += LIMITS.fields)
        sections.push({ type: "section", fields: fields.slice(i, i + LIMITS.fields) });
      return sections;
    }
    case "buttons": {
      const actions = actionsOf(block.buttons, view.subject);
      return actions === undefined ? [] : [actions];
    }
  }
}

function actionsOf(buttons: readonly Button[], subject: string | undefined): ActionsBlock | undefined {
  if (subject === undefined) return undefined;
  const elements = buttons
    .flatMap((b): SlackButton[] => {
      const actionId = encodeActionId(b.action, subject);
      if (actionId === undefined) return [];
      return [
        {
          type: "button",
          action_id: actionId,
          value: subject,
          text: { type: "plain_text", text: truncate(b.label, LIMITS.buttonText), emoji: true },
          ...(b.style === "secondary" ? {} : { style: b.style }),
        },
      ];
    })
    .slice(0, LIMITS.buttons);
  return elements.length === 0 ? undefined : { type: "actions", block_id: "fc-buttons", elements };
}

/** A view as text for the message's `text` fallback (notifications; Slack reads it as mrkdwn). */
function fallback(view: View): string {
  const lines = [view.title];
  for (const block of view.blocks) {
    if (block.kind === "text") lines.push(block.text);
    if (block.kind === "fields") lines.push(...block.items.map(([l, v]) => `${l}: ${v}`));
  }
  return truncate(escapeText(lines.filter((l) => l !== "").join("\n")), LIMITS.text);
}

/** The message a view becomes on Slack. `extra`: blocks added at the end (a link to the video). */
export function renderView(view: View, extra: readonly KnownBlock[] = []): SlackMessage {
  const title = `${ICONS[view.tone]} ${view.title === "" ? "framecast" : view.title}`;
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: truncate(title, LIMITS.header), emoji: true } },
    ...view.blocks.flatMap((b) => blockOf(b, view)),
  ];
  // The buttons stay last, whatever is added.
  const actions = blocks.findIndex((b) => b.type === "actions");
  const buttons = actions < 0 ? [] : blocks.splice(actions, 1);
  const all = [...blocks, ...extra, ...buttons];
  const kept =
    all.length <= LIMITS.blocks ? all : [...all.slice(0, LIMITS.blocks - buttons.length), ...buttons];
  return { text: fallback(view), blocks: kept };
}
