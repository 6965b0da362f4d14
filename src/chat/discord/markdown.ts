// Text shown in an embed is plain text: Discord's markdown in it (a masked link, a heading, a code
// fence, a spoiler, a mention…) must show as typed, not render. Escaped as Discord reads escapes:
// a backslash before punctuation makes it literal (Discord's "Markdown Text 101"). A bare link is
// left whole: Discord links it as it is, and a backslash inside would become part of its address.

/** Characters that open or close markup anywhere in a line. */
const INLINE = /[\\*_~`|[\]<]/gu;
/** Markup that only counts at the start of a line: headings, subtext, quotes, lists. */
const LINE_START = /^(\s*)([#>+-])/gmu;
const NUMBERED = /^(\s*\d+)\./gmu;
/** What Discord links by itself: http(s) up to whitespace or "<". */
const LINK = /https?:\/\/[^\s<]+/gu;

const escapePlain = (text: string): string =>
  text.replace(INLINE, "\\$&").replace(LINE_START, "$1\\$2").replace(NUMBERED, "$1\\.");

export function escapeMarkdown(text: string): string {
  let out = "";
  let from = 0;
  for (const link of text.matchAll(LINK)) {
    out += escapePlain(text.slice(from, link.index)) + link[0];
    from = link.index + link[0].length;
  }
  return out + escapePlain(text.slice(from));
}
