/** Length in Unicode code points (what users and the providers' limits count), not UTF-16 units. */
export function codePointLength(text: string): number {
  let surrogatePairs = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        surrogatePairs++;
        i++;
      }
    }
  }
  return text.length - surrogatePairs;
}

/**
 * Cuts `text` to at most `max` UTF-16 code units (JavaScript's `length`, the unit Discord's
 * limits are checked in and never fewer than code points), ending with "…" when cut, and never
 * inside a character: a surrogate pair stays whole.
 */
export function truncateUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // a high surrogate whose pair would be cut off
  return `${text.slice(0, end)}…`;
}
