// The one text grammar, shared by Slack and the console (Discord's typed options skip it and feed
// the validator directly). Rules, in order of precedence:
//  - a leading `/video` is ignored;
//  - `key:value`, `key=value`, `--key value` and `--key=value` set options; keys ignore case;
//  - `prompt` and `negative` run until the next known key; other values are one word or one
//    quoted string; a quoted value is exactly that string;
//  - words outside any option form the prompt; quoted words are always literal text;
//  - an unknown `--flag` is an error, and so is a `word:value` whose word is a near miss of a key;
//    any other `word:value` (`at:noon`) is prompt text.

import { type CommandError, commandError } from "../errors.ts";
import type { RawRequest } from "../request.ts";
import {
  CANONICAL_KEYS,
  FREE_TEXT_FIELDS,
  looksLikeMistypedKey,
  lookupKey,
  type OptionField,
  suggestKey,
} from "./keys.ts";
import { splitFirst, tokenize, type Word } from "./tokenize.ts";

export interface ParsedCommand {
  readonly raw: RawRequest;
  readonly errors: readonly CommandError[];
}

const VIDEO_PREFIX = /^\s*\/video(?=\s|$)/iu;
const BOOLEAN_WORDS = /^(?:on|off|true|false|yes|no)$/iu;

type Source = "key" | "loose";

class Collector {
  readonly values = new Map<OptionField, string[]>();
  readonly sources = new Map<OptionField, Source>();
  readonly loose: string[] = [];
  readonly errors: CommandError[] = [];
  /** What each error is about, so one repeated many times is reported once. */
  readonly #reported = new Set<string>();

  /** Records the error `make` builds, unless one about the same `about` was recorded already. */
  fail(about: string, make: () => CommandError): void {
    if (this.#reported.has(about)) return;
    this.#reported.add(about);
    this.errors.push(make());
  }

  /** Starts an option; returns the list its words go into, or undefined if it was a duplicate. */
  open(field: OptionField, typedKey: string): string[] | undefined {
    if (this.sources.has(field)) {
      this.fail(`duplicate:${field}:${typedKey}`, () => duplicate(field, typedKey));
      return undefined;
    }
    const words: string[] = [];
    this.values.set(field, words);
    this.sources.set(field, "key");
    return words;
  }
}

function duplicate(field: OptionField, typedKey: string): CommandError {
  const key = CANONICAL_KEYS[field];
  const shown = typedKey === key ? key : `${key} (as ${typedKey})`;
  return commandError("duplicate_option", field, `You gave ${shown} more than once; give it once.`, {
    given: typedKey,
  });
}

const OPTION_NAMES: readonly string[] = Object.values(CANONICAL_KEYS);

/** On/off options that `--key` alone switches on. */
const SWITCHES: ReadonlySet<OptionField> = new Set(["audio", "shots"]);

/** `--no-audio`, `--no_audio`: the way many tools switch a thing off. */
const SWITCHED_OFF = /^no[-_]?audio$/iu;

/** An option the grammar doesn't know, echoed as typed (`--durtion`, `durtion=`, `durtion:`). */
function unknownOption(word: Word & { key: string }, suggestion: string | undefined): CommandError {
  const typedKey = word.key;
  const dashed = word.dashed === true;
  const separator = word.raw.charAt(typedKey.length) === "=" ? "=" : ":";
  const spell = (key: string): string => (dashed ? `"--${key}"` : `"${key}${separator}"`);
  if (SWITCHED_OFF.test(typedKey))
    return commandError(
      "unknown_option",
      typedKey,
      `Unknown option ${spell(typedKey)}. Did you mean ${dashed ? '"--audio off"' : '"audio:off"'}?`,
      {
        given: typedKey,
        allowed: OPTION_NAMES,
        suggestion: "audio",
      },
    );
  const hint =
    suggestion === undefined
      ? ` Options are ${OPTION_NAMES.join(", ")}.`
      : ` Did you mean ${spell(suggestion)}?`;
  return commandError("unknown_option", typedKey, `Unknown option ${spell(typedKey)}.${hint}`, {
    given: typedKey,
    allowed: OPTION_NAMES,
    suggestion,
  });
}

/** True if `word` would start an option (so it cannot be the value of the previous one). */
function startsOption(word: Word, mistyped: (key: string) => string | undefined): boolean {
  if (word.key === undefined) return false;
  if (word.dashed === true) return true;
  return lookupKey(word.key) !== undefined || mistyped(word.key) !== undefined;
}

/**
 * `lookup` remembered per key for one command: a text repeating one wrong key thousands of times
 * (a 40,000-character mention) costs one set of edit distances, not thousands.
 */
function remembered(lookup: (key: string) => string | undefined): (key: string) => string | undefined {
  const known = new Map<string, string | undefined>();
  return (key) => {
    if (known.has(key)) return known.get(key);
    const found = lookup(key);
    known.set(key, found);
    return found;
  };
}

/** Marks words[at] as used; if only its first word was, the rest stays to be read. Returns the new loop index. */
function consume(words: Word[], at: number, rest: Word | undefined): number {
  if (rest === undefined) return at;
  words[at] = rest;
  return at - 1;
}

export function parseCommand(input: string): ParsedCommand {
  const words = tokenize(input.replace(VIDEO_PREFIX, ""));
  const c = new Collector();
  const mistyped = remembered(looksLikeMistypedKey);
  const suggest = remembered((key) => suggestKey(key));
  // Where free words go: an open free-text option, the loose prompt, or nowhere (a duplicate).
  let target: string[] | undefined = c.loose;

  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    if (word.quoted || word.key === undefined) {
      target?.push(word.text);
      continue;
    }
    const field = lookupKey(word.key);
    if (field === undefined) {
      if (word.dashed === true) {
        const key = word.key;
        c.fail(`unknown:--${key}`, () => unknownOption({ ...word, key }, suggest(key)));
        continue;
      }
      const near = mistyped(word.key);
      if (near !== undefined) {
        const key = word.key;
        c.fail(`unknown:${key}:`, () => unknownOption({ ...word, key }, near));
        continue;
      }
      target?.push(word.text);
      continue;
    }

    const into = c.open(field, word.key);
    const next = words[i + 1];
    const nextIsValue = next !== undefined && !startsOption(next, mistyped);
    if (FREE_TEXT_FIELDS.has(field)) {
      if (word.value !== undefined && word.value !== "") {
        into?.push(word.value);
        target = word.valueQuoted === true ? c.loose : into;
      } else if (word.dashed === true && nextIsValue && next.quoted) {
        into?.push(next.text);
        target = c.loose;
        i++;
      } else {
        target = into;
      }
      continue;
    }

    target = c.loose;
    if (word.value !== undefined && (word.value !== "" || word.valueQuoted === true)) {
      into?.push(word.value);
    } else if (SWITCHES.has(field) && word.dashed === true && word.value === undefined) {
      // `--audio` (`--shots`) alone switches it on; `--audio off` reads the next word.
      const taken = nextIsValue ? splitFirst(next) : undefined;
      if (taken !== undefined && BOOLEAN_WORDS.test(taken.first)) {
        into?.push(taken.first);
        i = consume(words, i + 1, taken.rest);
      } else {
        into?.push("on");
      }
    } else if (nextIsValue) {
      const taken = splitFirst(next);
      into?.push(taken.first);
      i = consume(words, i + 1, taken.rest);
    } else {
      into?.push("");
    }
  }

  return { raw: assemble(c), errors: c.errors };
}

function assemble(c: Collector): RawRequest {
  const raw: Partial<Record<OptionField, string>> = {};
  for (const [field, words] of c.values) raw[field] = words.join(" ");
  if (c.loose.length > 0) {
    if (c.sources.has("prompt")) {
      c.errors.push(
        commandError(
          "duplicate_option",
          "prompt",
          "You gave the prompt twice: as prompt: and as free words. Use one of them.",
          { given: c.loose.join(" ") },
        ),
      );
    } else {
      raw.prompt = c.loose.join(" ");
    }
  }
  return raw;
}
