// Command texts built to be as slow as possible to parse, at `length` characters (a Slack mention
// is at most 40,000): quotes that never close (each would make a naive tokenizer scan to the end),
// quoted values that never close, and thousands of options that are errors. Shared by the parser's
// linearity test and bench/parse.ts.

/** Slack delivers an app mention of up to 40,000 characters: the longest command text there is. */
export const LONGEST_COMMAND = 40_000;

const PATTERNS: Readonly<Record<string, string>> = {
  "unclosed double quotes": '"a ',
  "unclosed single quotes": "'ab ",
  "unclosed curly quotes": "“a ",
  "unclosed quoted values": 'p:"a ',
  "unclosed dashed values": '--p="a ',
  "mixed unclosed quotes": '"a \'b “c p:"d ',
  "unknown options": "--zzz ",
  "repeated options": "--dur 8 ",
  "near-miss keys": "durr:8 ",
};

/** Each pattern repeated to (at most) `length` characters, whole repeats only. */
export function worstCommands(length = LONGEST_COMMAND): { name: string; text: string }[] {
  return Object.entries(PATTERNS).map(([name, unit]) => ({
    name,
    text: unit.repeat(Math.floor(length / unit.length)),
  }));
}
