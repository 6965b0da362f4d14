// bolt's own log lines go to framecast's logs, which scrub secrets, instead of bolt's console
// logger: warnings (a forged or stale request refused, a workspace that never installed the app)
// as warnings, errors (a listener that threw) as our failures; debug and info are dropped.

import { type Logger, LogLevel } from "@slack/bolt";

export function boltLogger(
  report: (error: unknown, reference: string) => void,
  warn: (message: string) => void = () => {},
): Logger {
  let level = LogLevel.WARN;
  let name = "bolt";
  const forward = (messages: unknown[]): void => {
    const error = messages.find((m) => m instanceof Error);
    report(error ?? new Error(messages.map(String).join(" ")), `slack-${name}`);
  };
  return {
    debug: () => {},
    info: () => {},
    warn: (...messages: unknown[]) => warn(`slack: ${messages.map(String).join(" ")}`),
    error: (...messages: unknown[]) => forward(messages),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}
