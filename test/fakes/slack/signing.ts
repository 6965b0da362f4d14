// Inbound requests signed exactly as Slack signs them (platforms.md §6): HMAC-SHA256 with the
// signing secret over `v0:<timestamp>:<raw body>`, sent as `X-Slack-Signature: v0=<hex>` with
// `X-Slack-Request-Timestamp: <unix seconds>`. Slash commands are form bodies; interactivity is
// a form with one `payload` field of JSON; Events API callbacks are JSON.

import { createHmac } from "node:crypto";

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SendOptions {
  /** Unix seconds; default now. Older than 5 minutes is stale to bolt. */
  readonly timestamp?: number;
  /** Sign with this secret instead (a forgery). */
  readonly secret?: string;
  /** Send this signature header as is. */
  readonly signature?: string;
  /** Extra headers, e.g. `x-slack-retry-num` for a redelivered event. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Sent {
  readonly status: number;
  readonly text: string;
  /** Milliseconds from sending to the whole answer (the ack). */
  readonly ms: number;
}

export type Body =
  | { readonly kind: "form"; readonly fields: Readonly<Record<string, string>> }
  | { readonly kind: "payload"; readonly payload: unknown }
  | { readonly kind: "json"; readonly json: unknown };

export function encode(body: Body): { text: string; contentType: string } {
  switch (body.kind) {
    case "form":
      return {
        text: new URLSearchParams(body.fields).toString(),
        contentType: "application/x-www-form-urlencoded",
      };
    case "payload":
      return {
        text: new URLSearchParams({ payload: JSON.stringify(body.payload) }).toString(),
        contentType: "application/x-www-form-urlencoded",
      };
    case "json":
      return { text: JSON.stringify(body.json), contentType: "application/json" };
  }
}

/** Posts `body` to the bot's endpoint (e.g. http://127.0.0.1:port/slack/events), signed. */
export class SlackSender {
  readonly #secret: string;
  readonly #now: () => number;

  constructor(secret: string, now: () => number = Date.now) {
    this.#secret = secret;
    this.#now = now;
  }

  async send(url: string, body: Body, options: SendOptions = {}): Promise<Sent> {
    const { text, contentType } = encode(body);
    const timestamp = options.timestamp ?? Math.floor(this.#now() / 1000);
    const signature = options.signature ?? slackSignature(options.secret ?? this.#secret, timestamp, text);
    const started = performance.now();
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": contentType,
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": signature,
        ...options.headers,
      },
      body: text,
    });
    const answer = await res.text();
    return { status: res.status, text: answer, ms: performance.now() - started };
  }
}
