// The interaction's first response (receiving-and-responding.mdx "Interaction Callback"): one
// small JSON POST, sent straight with undici's request rather than through discord.js's REST
// queue. It is what Discord times against its 3 s deadline, callbacks have no rate limit of their
// own, and the queue's per-route bookkeeping and fetch cost CPU on exactly the path that must stay
// fast when many commands arrive at once (bench/discord-ack.ts).

import { request } from "undici";

/** An interaction response (receiving-and-responding.mdx "Interaction Response Object"). */
export interface InteractionResponse {
  readonly type: number;
  readonly data?: object;
}

/**
 * Sends an interaction's first response; with `withResponse`, resolves with Discord's callback
 * response (the message it created). Over the gateway that is always the callback endpoint; an
 * interaction that came over HTTP may be answered in the HTTP response itself (http-responder.ts).
 */
export type Responder = (body: InteractionResponse, withResponse: boolean) => Promise<unknown>;

/** The callback endpoint as a Responder. */
export const callbackResponder =
  (apiUrl: string, interaction: { readonly id: string; readonly token: string }): Responder =>
  (body, withResponse) =>
    sendCallback(apiUrl, interaction, body, withResponse);

export class CallbackError extends Error {
  readonly status: number;
  readonly code: number | undefined;
  constructor(status: number, code: number | undefined, message: string) {
    super(message);
    this.name = "CallbackError";
    this.status = status;
    this.code = code;
  }
}

/** Posts the callback; resolves with Discord's answer (`with_response`), else undefined. */
export async function sendCallback(
  apiUrl: string,
  interaction: { readonly id: string; readonly token: string },
  body: unknown,
  withResponse = false,
): Promise<unknown> {
  const url = `${apiUrl}/v10/interactions/${interaction.id}/${interaction.token}/callback${withResponse ? "?with_response=true" : ""}`;
  const answer = await request(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await answer.body.text();
  if (answer.statusCode >= 300) {
    let code: number | undefined;
    let message = text.slice(0, 200);
    try {
      const parsed = JSON.parse(text) as { code?: unknown; message?: unknown };
      if (typeof parsed.code === "number") code = parsed.code;
      if (typeof parsed.message === "string") message = parsed.message;
    } catch {
      // not JSON: keep the text
    }
    // Never the URL: it holds the interaction's token.
    throw new CallbackError(
      answer.statusCode,
      code,
      `Discord refused the interaction response (${answer.statusCode}): ${message}`,
    );
  }
  return text === "" ? undefined : JSON.parse(text);
}
