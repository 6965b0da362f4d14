// The one logger: pino, JSON lines on stderr (pretty on a terminal), every line scrubbed of
// secrets just before it is written. Context (job id, platform, workspace, user) goes in
// child loggers' bindings, so every line about a job carries it.

import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import type { LogLevel } from "./levels.ts";
import { redactText } from "./redact.ts";

export type { Logger };

export interface LogOptions {
  readonly level: LogLevel;
  /** Human-readable lines (a terminal) instead of JSON. */
  readonly pretty: boolean;
  /** Pretty output in colour (NO_COLOR turns it off). */
  readonly color?: boolean;
  /** Values to redact wherever they appear (secretValues(config)). */
  readonly secrets: readonly string[];
  /** Where lines go; stderr (synchronously, so nothing is lost at exit) unless given. */
  readonly destination?: DestinationStream;
}

/** Fields that hold credentials, whatever their value: censored before serialising. */
const REDACT_PATHS = [
  "token",
  "*.token",
  "apiKey",
  "*.apiKey",
  "password",
  "*.password",
  "headers.authorization",
  "*.headers.authorization",
  "*.headers['api-key']",
  "interactionToken",
  "*.interactionToken",
  "responseUrl",
  "*.responseUrl",
];

export function createLogger(options: LogOptions): Logger {
  const destination =
    options.destination ??
    (options.pretty
      ? pretty({
          colorize: options.color ?? true,
          destination: 2,
          sync: true,
          translateTime: "HH:MM:ss.l",
          ignore: "pid,hostname",
        })
      : pino.destination({ fd: 2, sync: true }));
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      hooks: { streamWrite: (line) => redactText(line, options.secrets) },
    },
    destination,
  );
}
