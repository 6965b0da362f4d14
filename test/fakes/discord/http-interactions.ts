// Discord's side of HTTP interactions (interactions/overview.mdx, receiving-and-responding.mdx):
// each interaction is POSTed to the app's Interactions Endpoint URL as JSON, signed with the
// application's Ed25519 key over `X-Signature-Timestamp + body` (hex, in `X-Signature-Ed25519`).
// What Discord makes of the answer: 200 with a JSON interaction response is the first response
// (validated like the callback endpoint's, within 3 s on the fake clock); 202 with no body means
// the app used the callback endpoint, which must then have been called; anything else fails the
// interaction. Saving an endpoint URL, Discord sends a signed PING (200 {"type":1} with a JSON
// content type expected) and, as its routine checks do, a PING with a bad signature (401 expected).

import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";

export class InteractionSigner {
  readonly #privateKey: KeyObject;
  /** The application's public key as the Developer Portal shows it: 64 hex characters. */
  readonly publicKey: string;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    this.#privateKey = privateKey;
    const jwk = publicKey.export({ format: "jwk" });
    this.publicKey = Buffer.from(jwk.x ?? "", "base64url").toString("hex");
  }

  /** The hex signature of `timestamp + body`. */
  sign(timestamp: string, body: string): string {
    return sign(null, Buffer.from(timestamp + body, "utf8"), this.#privateKey).toString("hex");
  }
}

/** How a test bends a request Discord would send correctly (each one must be refused with 401). */
export interface SendOptions {
  /** Where to send it (default: the endpoint saved with setInteractionsEndpoint). */
  readonly url?: string;
  /** Signed by some other key: a forged request. */
  readonly forged?: boolean;
  /** The signed timestamp, in ms (default: the fake's clock). */
  readonly timestampMs?: number;
  /** Changes the body after signing it. */
  readonly tamper?: (body: string) => string;
  /** Leaves these headers out. */
  readonly omit?: readonly ("x-signature-ed25519" | "x-signature-timestamp")[];
}

export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  /** The answer's body: parsed JSON, the raw text when not JSON, undefined when empty. */
  readonly body: unknown;
}

const FORGER = new InteractionSigner();

/** POSTs `payload` as Discord does, signed by `signer`, and reads the whole answer. */
export async function postInteraction(
  url: string,
  payload: unknown,
  signer: InteractionSigner,
  nowMs: number,
  options: SendOptions = {},
): Promise<HttpAnswer> {
  const signed = JSON.stringify(payload);
  const timestamp = String(Math.floor((options.timestampMs ?? nowMs) / 1000));
  const signature = (options.forged === true ? FORGER : signer).sign(timestamp, signed);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "Discord-Interactions/1.0 (+https://discord.com)",
    "x-signature-ed25519": signature,
    "x-signature-timestamp": timestamp,
  };
  for (const name of options.omit ?? []) delete headers[name];
  // Node's fetch, not undici's package: loading undici here would replace the process-wide
  // dispatcher that discord.js's uploads rely on in the same test (see src/chat/discord/rest-options.ts).
  const answer = await fetch(url, {
    method: "POST",
    headers,
    body: options.tamper === undefined ? signed : options.tamper(signed),
  });
  const text = await answer.text();
  const contentType = answer.headers.get("content-type") ?? undefined;
  let body: unknown = text === "" ? undefined : text;
  if (text !== "" && contentType?.startsWith("application/json") === true) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: answer.status, contentType, body };
}

/** Discord's checks when an Interactions Endpoint URL is saved; throws saying what failed. */
export async function validateEndpoint(url: string, signer: InteractionSigner, ping: object, nowMs: number) {
  const good = await postInteraction(url, ping, signer, nowMs);
  const pong = good.body as { type?: unknown } | undefined;
  if (good.status !== 200 || good.contentType?.startsWith("application/json") !== true || pong?.type !== 1)
    throw new Error(
      `Discord could not validate ${url}: a signed PING got ${good.status} ${JSON.stringify(good.body)}, not 200 {"type":1} as JSON`,
    );
  const bad = await postInteraction(url, ping, signer, nowMs, { forged: true });
  if (bad.status !== 401)
    throw new Error(
      `Discord could not validate ${url}: a PING with a bad signature got ${bad.status}, not 401`,
    );
}
