// Text shown in an embed is plain text: Discord's markdown in it (a masked link, a heading, a code
// fence, a spoiler, a mention…) must show as typed, not render. Escaped as Discord reads escapes:
// a backslash before punctuation makes it literal (Discord's "Markdown Text 101").

/** Characters that open or close markup anywhere in a line. */
const INLINE = /[\\*_~`|[\]<]/gu;
/** Markup that only counts at the start of a line: headings, subtext, quotes, lists. */
const LINE_START = /^(\s*)([#>+-])/gmu;
const NUMBERED = /^(\s*\d+)\./gmu;

export function escapeMarkdown(text: string): string {
  return text.replace(INLINE, "\\$&").replace(LINE_START, "$1\\$2").replace(NUMBERED, "$1\\.");
}
