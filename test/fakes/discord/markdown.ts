// What Discord's markdown would make of a text shown in a message or an embed: the constructs that
// would render (Discord's "Markdown Text 101" support article; reference.mdx "Message
// Formatting"), with backslash escapes honoured as Discord honours them. A model for tests, not a
// renderer: it names what a user's text could turn into, so a test can require that none does.

export type Markup =
  | "masked link"
  | "heading"
  | "subtext"
  | "block quote"
  | "list"
  | "code block"
  | "inline code"
  | "bold"
  | "italic"
  | "underline"
  | "strikethrough"
  | "spoiler"
  | "mention";

/** A backslash makes the next punctuation character literal. */
const ESCAPED = /\\([!-/:-@[-`{-~])/gu;

const RULES: readonly (readonly [Markup, RegExp])[] = [
  ["code block", /```/u],
  ["masked link", /\[[^\]\n]+\]\(\s*<?https?:\/\/[^)\s]+>?\s*\)/u],
  ["heading", /^ *#{1,3} +\S/mu],
  ["subtext", /^ *-# +\S/mu],
  ["block quote", /^ *>{1,3} /mu],
  ["list", /^ *(?:[-*+]|\d+\.) +\S/mu],
  ["inline code", /`[^`\n]+`/u],
  ["bold", /\*\*[^*\n]+\*\*/u],
  ["underline", /__[^_\n]+__/u],
  ["italic", /(?:^|[^*])\*[^*\s][^*\n]*\*(?!\*)|\b_[^_\s][^_\n]*_\b/u],
  ["strikethrough", /~~[^~\n]+~~/u],
  ["spoiler", /\|\|[^|\n]+\|\|/u],
  ["mention", /<(?:@[!&]?\d+|#\d+|t:\d+(?::\w)?|a?:\w+:\d+)>/u],
];

/** The markup `text` would render as on Discord (none: it shows as typed). */
export function activeMarkup(text: string): Markup[] {
  // Escaped characters become a neutral placeholder: they can't open or close anything.
  const plain = text.replace(ESCAPED, "\u0000");
  return RULES.filter(([, pattern]) => pattern.test(plain)).map(([name]) => name);
}

/** `text` as Discord shows it once escapes are read (what a person sees). */
export function shownText(text: string): string {
  return text.replace(ESCAPED, "$1");
}
