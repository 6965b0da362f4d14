// Discord's Interactions Endpoint URL (interactions/overview.mdx, receiving-and-responding.mdx),
// served on the bot's HTTP server at /discord/interactions. Every request's Ed25519 signature and
// timestamp are checked first (401 otherwise: Discord also sends bad signatures on purpose and
// drops an endpoint that accepts them); PING is answered `{"type":1}`; anything else is checked
// with zod and handled exactly as a gateway interaction, by whichever instance the load balancer
// picked: no state is kept between requests.
//
// The first response: PONG, autocomplete choices and a modal are the HTTP answer itself (200 with
// the response; nothing follows them). A message (4) or "thinking…" (5) goes to the callback
// endpoint and the HTTP request is then answered 202 with no body, as Discord's docs say: the
// edits and follow-ups that come next must find the message created, and a public reply's message
// id comes only from `with_response`.

import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { APIInteraction } from "discord.js";
import { type Responder, sendCallback } from "./callback.ts";
import { parseInteraction } from "./interaction-schema.ts";
import { checkSignature, discordPublicKey } from "./verify-signature.ts";

export const DISCORD_INTERACTIONS_PATH = "/discord/interactions";

/** Answered in the HTTP response: PONG, autocomplete result, modal. */
const INLINE_TYPES: ReadonlySet<number> = new Set([1, 8, 9]);

export type HandleInteraction = (interaction: APIInteraction, respond: Responder) => Promise<void>;

export interface InteractionsEndpointOptions {
  /** The application's public key, 64 hex characters. */
  readonly publicKey: string;
  /** Discord's API base without the version, for callbacks. */
  readonly apiUrl: string;
  readonly now: () => number;
  /** The handler, once the bot has started (503 before). */
  readonly handler: () => HandleInteraction | undefined;
  readonly maxBodyBytes?: number;
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The first response of one HTTP interaction, and whether it was given. */
function httpResponder(
  res: ServerResponse,
  apiUrl: string,
  interaction: APIInteraction,
): { respond: Responder; answered: () => boolean } {
  let answered = false;
  const respond: Responder = async (body, withResponse) => {
    if (answered) throw new Error("this interaction has been answered already");
    answered = true;
    if (!withResponse && INLINE_TYPES.has(body.type)) {
      json(res, 200, body);
      return undefined;
    }
    try {
      const result = await sendCallback(apiUrl, interaction, body, withResponse);
      if (!res.headersSent) res.writeHead(202).end();
      return result;
    } catch (error) {
      json(res, 500, { error: "the interaction response was refused" });
      throw error;
    }
  };
  return { respond, answered: () => answered };
}

async function serve(
  options: InteractionsEndpointOptions,
  key: ReturnType<typeof discordPublicKey>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? "/", "http://localhost").pathname.replace(/\/+$/u, "");
  if (path !== DISCORD_INTERACTIONS_PATH) return json(res, 404, { error: "not found" });
  if (req.method !== "POST") return json(res, 405, { error: "POST only" });
  const body = await readBody(req, options.maxBodyBytes ?? 4 * 1024 * 1024);
  if (body === undefined) return json(res, 413, { error: "too large" });
  const signature = {
    signature: header(req, "x-signature-ed25519"),
    timestamp: header(req, "x-signature-timestamp"),
  };
  const checked = checkSignature(key, signature, body, options.now());
  if (!checked.ok) return json(res, 401, { error: `invalid request signature: ${checked.reason}` });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return json(res, 400, { error: "the body is not JSON" });
  }
  const read = parseInteraction(parsed);
  if (!read.ok) return json(res, 400, { error: `not an interaction: ${read.problem}` });
  if (read.interaction.type === 1) return json(res, 200, { type: 1 });
  const handle = options.handler();
  if (handle === undefined) return json(res, 503, { error: "starting up" });
  const responder = httpResponder(res, options.apiUrl, read.interaction);
  await handle(read.interaction, responder.respond);
  // Nothing framecast handles (an unknown command): Discord tells the person it failed.
  if (!responder.answered()) json(res, 400, { error: "framecast does not handle this interaction" });
}

/** The request listener for DISCORD_INTERACTIONS_PATH. */
export function interactionsEndpoint(options: InteractionsEndpointOptions): RequestListener {
  const key = discordPublicKey(options.publicKey);
  return (req, res) => {
    serve(options, key, req, res).catch(() => json(res, 500, { error: "internal" }));
  };
}
