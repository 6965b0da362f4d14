// The scrubbing every log line goes through; chat text goes through the same (src/core/redact.ts).

export { redactText } from "../core/redact.ts";
