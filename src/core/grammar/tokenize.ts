// Splits command text into words. A word is a run of non-space characters, or a quoted string.
// Consecutive plain words (no quotes, no key) come back as one Word holding the original text,
// spacing included: prompts keep their line breaks, and a long prompt costs one allocation.
// Quotes: straight " and ', and the curly “ ” ‘ ’ „ that phone keyboards type. A quote opens only
// at the start of a word (or right after `key:` / `key=`), and closes at a quote of the same
// family followed by a space or the end, so apostrophes (fox's) stay literal. A quote that never
// closes is literal text.

export interface Word {
  /** The word's text with its quotes removed (for a run of plain words, the run as typed). */
  readonly text: string;
  /** The word exactly as typed. */
  readonly raw: string;
  /** True when the whole word was one quoted string. */
  readonly quoted: boolean;
  /** For `key:value`, `key=value`, `--key` and `--key=value`: the key as typed. */
  readonly key: string | undefined;
  /** True for the `--key` spellings (including the — and – a phone makes of `--`). */
  readonly dashed: boolean | undefined;
  /** The value written in the same word (`8` in `duration:8`); undefined for a bare `--key`. */
  readonly value: string | undefined;
  /** True when that value was quoted (`prompt:"a fox"`). */
  readonly valueQuoted: boolean | undefined;
}

const DOUBLE_QUOTES = '"“”„';
const SINGLE_QUOTES = "'‘’";
const DASHED = /^(?:--|—|–)([A-Za-z][A-Za-z0-9_-]*)(?:=([\s\S]*))?$/u;
const KEYED = /^([A-Za-z][A-Za-z0-9_-]*)[:=]([\s\S]*)$/u;

function quoteFamily(ch: string | undefined): string | undefined {
  return ch === undefined ? undefined : quoteFamilyOf(ch.charCodeAt(0));
}

function quoteFamilyOf(code: number): string | undefined {
  switch (code) {
    case 0x22: // "
    case 0x201c: // “
    case 0x201d: // ”
    case 0x201e: // „
      return DOUBLE_QUOTES;
    case 0x27: // '
    case 0x2018: // ‘
    case 0x2019: // ’
      return SINGLE_QUOTES;
    default:
      return undefined;
  }
}

/** Exactly the characters of JavaScript's \s (Unicode white space and line terminators). */
function isSpaceCode(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const isSpace = (ch: string | undefined): boolean => ch === undefined || isSpaceCode(ch.charCodeAt(0));

/**
 * Finds closing quotes: for an opening quote at `open`, the first quote of its family after it
 * that a space or the end follows; -1 if none. Openings are asked for left to right, so each
 * family's text is scanned once in all (the last candidate found is kept): the whole tokenizer
 * stays linear, even for 40,000 characters of quotes that never close.
 */
class Closers {
  readonly #input: string;
  /** Per family: the last candidate found (-1: none left) and where scanning stopped. */
  readonly #found = new Map<string, { at: number; scanned: number }>();

  constructor(input: string) {
    this.#input = input;
  }

  after(open: number, family: string): number {
    const input = this.#input;
    const state = this.#found.get(family) ?? { at: -1, scanned: 0 };
    this.#found.set(family, state);
    if (state.at > open) return state.at;
    if (state.at === -1 && state.scanned >= input.length) return -1;
    for (let i = Math.max(open + 1, state.scanned); i < input.length; i++) {
      if (family.includes(input.charAt(i)) && isSpace(input[i + 1])) {
        state.at = i;
        state.scanned = i + 1;
        return i;
      }
    }
    state.at = -1;
    state.scanned = input.length;
    return -1;
  }
}

const KEY_BEFORE_QUOTE = /^(?:--|—|–)?[A-Za-z][A-Za-z0-9_-]*$/u;

export function tokenize(input: string): Word[] {
  const words: Word[] = [];
  const closers = new Closers(input);
  let runStart = -1; // the pending run of plain words, [runStart, runEnd)
  let runEnd = -1;
  const push = (word: Word): void => {
    if (runStart !== -1) {
      const run = input.slice(runStart, runEnd);
      words.push(plain(run, run, false));
      runStart = -1;
    }
    words.push(word);
  };
  let i = 0;
  while (i < input.length) {
    const first = input.charCodeAt(i);
    // The ASCII test is written out in both loops: V8 does not inline isSpaceCode here, and a
    // call per character makes a long prompt three times slower.
    if (first === 32 || (first >= 9 && first <= 13) || (first > 127 && isSpaceCode(first))) {
      i++;
      continue;
    }
    const family = quoteFamilyOf(first);
    if (family !== undefined) {
      const close = closers.after(i, family);
      // 'n' (as in rock 'n' roll) is an elided word, not a quotation.
      const elision = family === SINGLE_QUOTES && close - i <= 3;
      if (close !== -1 && !elision) {
        push(plain(input.slice(i + 1, close), input.slice(i, close + 1), true));
        i = close + 1;
        continue;
      }
    }
    let end = i;
    let sep = -1; // first ":" or "=" in the word
    for (; end < input.length; end++) {
      const code = input.charCodeAt(end);
      if (code === 32 || (code >= 9 && code <= 13) || (code > 127 && isSpaceCode(code))) break;
      if (sep === -1 && (code === 0x3a || code === 0x3d)) sep = end - i;
    }
    if (sep === -1 && first !== 45 /* - */ && first !== 0x2014 && first !== 0x2013) {
      if (runStart === -1) runStart = i;
      runEnd = end;
      i = end;
      continue;
    }
    const raw = input.slice(i, end);
    const keyed = sep > 0 ? quotedValue(input, i, raw, sep, closers) : undefined;
    if (keyed !== undefined) {
      push(keyed.word);
      i = keyed.end;
      continue;
    }
    const word = classify(raw);
    if (word.key === undefined) {
      if (runStart === -1) runStart = i;
      runEnd = end;
    } else {
      push(word);
    }
    i = end;
  }
  if (runStart !== -1) {
    const run = input.slice(runStart, runEnd);
    words.push(plain(run, run, false));
  }
  return words;
}

/** Splits the first word off a run of plain words: `8 a fox` → `8` and the rest (if any). */
export function splitFirst(word: Word): { first: string; rest: Word | undefined } {
  if (word.quoted || word.key !== undefined) return { first: word.text, rest: undefined };
  let end = 0;
  while (end < word.text.length && !isSpaceCode(word.text.charCodeAt(end))) end++;
  let restStart = end;
  while (restStart < word.text.length && isSpaceCode(word.text.charCodeAt(restStart))) restStart++;
  if (restStart >= word.text.length) return { first: word.text.slice(0, end), rest: undefined };
  const rest = word.text.slice(restStart);
  return { first: word.text.slice(0, end), rest: plain(rest, rest, false) };
}

/** `key:"a quoted value"` starting at `start`: the word and where it ends, if that is what it is. */
function quotedValue(
  input: string,
  start: number,
  raw: string,
  sep: number,
  closers: Closers,
): { word: Word; end: number } | undefined {
  const family = quoteFamily(raw[sep + 1]);
  if (family === undefined || !KEY_BEFORE_QUOTE.test(raw.slice(0, sep))) return undefined;
  const open = start + sep + 1;
  const close = closers.after(open, family);
  if (close === -1) return undefined;
  const whole = input.slice(start, close + 1);
  const dashed = /^(?:--|—|–)/u.test(whole);
  const key = raw.slice(0, sep).replace(/^(?:--|—|–)/u, "");
  const word: Word = {
    text: whole,
    raw: whole,
    quoted: false,
    key,
    dashed,
    value: input.slice(open + 1, close),
    valueQuoted: true,
  };
  return { word, end: close + 1 };
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
  return plain(raw, raw, false);
}

/** A word that sets no option. Every Word has the same fields, so the parser's loop stays monomorphic. */
function plain(text: string, raw: string, quoted: boolean): Word {
  return { text, raw, quoted, key: undefined, dashed: undefined, value: undefined, valueQuoted: undefined };
}
