// Splits command text into words. A word is a run of non-space characters, or a quoted string.
// Quotes: straight " and ', and the curly “ ” ‘ ’ „ that phone keyboards type. A quote opens only
// at the start of a word (or right after `key:` / `key=`), and closes at a quote of the same
// family followed by a space or the end, so apostrophes (fox's) stay literal. A quote that never
// closes is literal text.

export interface Word {
  /** The word's text with its quotes removed. */
  readonly text: string;
  /** The word exactly as typed. */
  readonly raw: string;
  /** True when the whole word was one quoted string. */
  readonly quoted: boolean;
  /** For `key:value`, `key=value`, `--key` and `--key=value`: the key as typed. */
  readonly key?: string;
  /** True for the `--key` spellings (including the — and – a phone makes of `--`). */
  readonly dashed?: boolean;
  /** The value written in the same word (`8` in `duration:8`); undefined for a bare `--key`. */
  readonly value?: string;
  /** True when that value was quoted (`prompt:"a fox"`). */
  readonly valueQuoted?: boolean;
}

const DOUBLE_QUOTES = '"“”„';
const SINGLE_QUOTES = "'‘’";
const SPACE = /\s/u;
const DASHED = /^(?:--|—|–)([A-Za-z][A-Za-z0-9_-]*)(?:=([\s\S]*))?$/u;
const KEYED = /^([A-Za-z][A-Za-z0-9_-]*)[:=]([\s\S]*)$/u;

function quoteFamily(ch: string | undefined): string | undefined {
  if (ch === undefined) return undefined;
  if (DOUBLE_QUOTES.includes(ch)) return DOUBLE_QUOTES;
  if (SINGLE_QUOTES.includes(ch)) return SINGLE_QUOTES;
  return undefined;
}

const isSpace = (ch: string | undefined): boolean => ch === undefined || SPACE.test(ch);

/** Index of the closing quote for an opening quote at `open`, or -1 if it never closes. */
function closingQuote(input: string, open: number, family: string): number {
  for (let i = open + 1; i < input.length; i++) {
    if (family.includes(input.charAt(i)) && isSpace(input[i + 1])) return i;
  }
  return -1;
}

export function tokenize(input: string): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < input.length) {
    if (isSpace(input[i])) {
      i++;
      continue;
    }
    const start = i;
    const family = quoteFamily(input[i]);
    if (family !== undefined) {
      const close = closingQuote(input, i, family);
      if (close !== -1) {
        words.push({ text: input.slice(i + 1, close), raw: input.slice(i, close + 1), quoted: true });
        i = close + 1;
        continue;
      }
    }
    let valueQuote = -1;
    let valueClose = -1;
    while (i < input.length && !isSpace(input[i])) {
      const ch = input[i];
      if ((ch === ":" || ch === "=") && valueQuote === -1) {
        const next = quoteFamily(input[i + 1]);
        if (next !== undefined && /^(?:--|—|–)?[A-Za-z][A-Za-z0-9_-]*$/u.test(input.slice(start, i))) {
          const close = closingQuote(input, i + 1, next);
          if (close !== -1) {
            valueQuote = i + 1;
            valueClose = close;
            i = close + 1;
            break;
          }
        }
      }
      i++;
    }
    const raw = input.slice(start, i);
    if (valueQuote !== -1) {
      const dashed = /^(?:--|—|–)/u.test(raw);
      const key = input.slice(start, valueQuote - 1).replace(/^(?:--|—|–)/u, "");
      const value = input.slice(valueQuote + 1, valueClose);
      words.push({ text: raw, raw, quoted: false, key, dashed, value, valueQuoted: true });
      continue;
    }
    words.push(classify(raw));
  }
  return words;
}

function classify(raw: string): Word {
  const dashed = DASHED.exec(raw);
  if (dashed?.[1] !== undefined) {
    return {
      text: raw,
      raw,
      quoted: false,
      key: dashed[1],
      dashed: true,
      value: dashed[2],
      valueQuoted: false,
    };
  }
  const keyed = KEYED.exec(raw);
  if (keyed?.[1] !== undefined) {
    return {
      text: raw,
      raw,
      quoted: false,
      key: keyed[1],
      dashed: false,
      value: keyed[2] ?? "",
      valueQuoted: false,
    };
  }
  return { text: raw, raw, quoted: false };
}
