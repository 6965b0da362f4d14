// Slack signs every request over its timestamp (platforms.md §6: `v0:<timestamp>:<body>`, a
// 5-minute window). Bolt refuses a timestamp more than 5 minutes old but accepts any in the
// future, and a request stamped ahead stays replayable until 5 minutes after its stamp. Requests
// from more than 5 minutes ahead are refused here, before bolt sees them.

import type { IncomingMessage, ServerResponse } from "node:http";

/** Slack's window, both ways. */
export const SLACK_CLOCK_SKEW_SECONDS = 5 * 60;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export function refuseFutureRequests(
  listener: Listener,
  now: () => number,
  warn: (message: string) => void = () => {},
): Listener {
  return (req, res) => {
    const stamp = req.headers["x-slack-request-timestamp"];
    const seconds = typeof stamp === "string" && /^\d{1,12}$/u.test(stamp) ? Number(stamp) : undefined;
    if (seconds !== undefined && seconds > now() / 1000 + SLACK_CLOCK_SKEW_SECONDS) {
      warn(`refused a Slack request stamped ${seconds - Math.floor(now() / 1000)} s in the future`);
      res.writeHead(401, { "content-type": "text/plain" }).end("request timestamp is in the future");
      return;
    }
    listener(req, res);
  };
}
