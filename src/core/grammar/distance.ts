/**
 * Levenshtein distance, giving up early: returns `max + 1` as soon as the distance must exceed
 * `max`. Works on code points so an emoji counts as one edit.
 */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
// Two reusable rows: distances are computed for short words (option keys), so no allocation.
const ROW = new Uint16Array(64);
const ROW2 = new Uint16Array(64);

export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max * 2) return max + 1; // a code point is at most 2 units
  const ascii = isAscii(a) && isAscii(b);
  const s = ascii ? a : Array.from(a);
  const t = ascii ? b : Array.from(b);
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let previous = t.length < ROW.length ? ROW : new Uint16Array(t.length + 1);
  let current = t.length < ROW2.length ? ROW2 : new Uint16Array(t.length + 1);
  for (let j = 0; j <= t.length; j++) previous[j] = j;
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return previous[t.length] ?? max + 1;
}

/** The candidate closest to `word` within `max` edits (first wins a tie), or undefined. */
export function nearestWord(word: string, candidates: readonly string[], max = 2): string | undefined {
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const candidate of candidates) {
    const d = editDistance(word, candidate, max);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= max ? best : undefined;
}
