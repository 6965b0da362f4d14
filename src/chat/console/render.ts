import { jobRef } from "../../core/jobs/ref.ts";
import type { Block, Button, Tone, View } from "../../core/views/view.ts";

export interface RenderOptions {
  /** ANSI colours (a TTY without NO_COLOR). */
  readonly color: boolean;
  /** Terminal width: tables wider than this are printed as one card per row. */
  readonly width: number;
}

const ICONS: Readonly<Record<Tone, string>> = { info: "ℹ", success: "✓", warning: "!", error: "✗" };
const COLORS: Readonly<Record<Tone, number>> = { info: 36, success: 32, warning: 33, error: 31 };

const paint = (on: boolean, code: number, text: string): string =>
  on ? `\u001b[${code}m${text}\u001b[0m` : text;
const width = (text: string): number => [...text].length;
const pad = (text: string, to: number): string => text + " ".repeat(Math.max(0, to - width(text)));

/** A view as terminal text, ending without a newline. */
export function renderView(view: View, options: RenderOptions): string {
  const title = paint(options.color, COLORS[view.tone], `${ICONS[view.tone]} ${view.title}`);
  const lines = [options.color ? paint(true, 1, title) : title];
  for (const block of view.blocks) lines.push(...renderBlock(block, view.subject, options));
  return lines.join("\n");
}

function renderBlock(block: Block, subject: string | undefined, options: RenderOptions): string[] {
  switch (block.kind) {
    case "text":
      return block.text.split("\n").map((line) => `  ${line}`);
    case "code":
      return block.text.split("\n").map((line) => `    ${paint(options.color, 2, line)}`);
    case "list":
      return block.items.map((item) => `  • ${item}`);
    case "fields": {
      const labelWidth = Math.max(...block.items.map(([label]) => width(label)));
      return block.items.map(
        ([label, value]) => `  ${paint(options.color, 2, pad(`${label}:`, labelWidth + 1))} ${value}`,
      );
    }
    case "table":
      return renderTable(block.headers, block.rows, options);
    case "buttons":
      return typedButtons(block.buttons, subject, options);
  }
}

/**
 * A terminal can't press buttons: each becomes the command that does the same, with the job's
 * short id (`/regenerate 3f2a9c1d`). Extend and Continue work here where the provider extends
 * its own videos (the preview does); elsewhere they say why not.
 */
const COMMANDS: Readonly<Record<string, string>> = {
  cancel: "/cancel",
  regenerate: "/regenerate",
  new_seed: "/new-seed",
  upscale_1080p: "/1080p",
  extend: "/extend",
  continue: "/continue",
};

function typedButtons(
  buttons: readonly Button[],
  subject: string | undefined,
  options: RenderOptions,
): string[] {
  if (subject === undefined) return [];
  const commands = buttons.flatMap((b) => {
    const command = COMMANDS[b.action];
    return command === undefined ? [] : [paint(options.color, 36, `${command} ${jobRef(subject)}`)];
  });
  return commands.length === 0 ? [] : [`  ↳ ${commands.join(" · ")}`];
}

function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  options: RenderOptions,
): string[] {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const total = 2 + widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  if (total <= options.width) {
    const line = (cells: readonly string[]): string =>
      `  ${cells.map((c, i) => pad(c, widths[i] ?? 0)).join("  ")}`.trimEnd();
    return [paint(options.color, 1, line(headers)), ...rows.map(line)];
  }
  // Too wide for the terminal: one card per row, the first column as its heading.
  const labelWidth = Math.max(...headers.slice(1).map(width));
  return rows.flatMap((row) => [
    `  ${paint(options.color, 1, row[0] ?? "")}`,
    ...headers
      .slice(1)
      .map((h, i) => `    ${paint(options.color, 2, pad(`${h}:`, labelWidth + 1))} ${row[i + 1] ?? ""}`),
  ]);
}
