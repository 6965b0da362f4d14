// Lines of piped input (a script for the console, `framecast check --stdin`): split at "\n" and
// "\r\n" only. Node's readline also splits at a lone "\r" and at U+2028/U+2029, which are
// ordinary characters inside one command's text.

/** Each line of `input` (UTF-8) without its ending; a last line without one counts if not empty. */
export async function* readLines(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  for await (const chunk of input) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    // Only the new text is searched: a long line arriving in many chunks stays linear.
    let from = pending.length;
    pending += text;
    let end = pending.indexOf("\n", from);
    let start = 0;
    while (end !== -1) {
      yield withoutCr(pending.slice(start, end));
      start = end + 1;
      from = start;
      end = pending.indexOf("\n", from);
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  if (pending !== "") yield withoutCr(pending);
}

const withoutCr = (line: string): string => (line.endsWith("\r") ? line.slice(0, -1) : line);
