// The Reply for one request's answers. framecast acks every Slack request at once (bolt's
// `ack()`, well inside Slack's 3 s) and answers afterwards: notices are ephemeral, through the
// request's response_url while it lasts (5 uses within 30 minutes; it works where the bot isn't a
// channel member), else chat.postEphemeral. A public post goes to the request's thread, and its
// message id says so (where.ts): SlackChat edits it and posts the video there later.

import { request } from "undici";
import type { MessageRef, Reply } from "../../app/ports.ts";
import type { Conversation } from "../../core/chat-event.ts";
import type { View } from "../../core/views/view.ts";
import { renderView } from "./render.ts";
import type { SlackChat } from "./slack-chat.ts";

export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;

export interface ResponseUrl {
  /** Secret-ish (it posts as the bot for 30 minutes): never logged. */
  readonly url: string;
  readonly receivedAt: number;
}

export class CommandReply implements Reply {
  readonly #shared: SlackChat;
  readonly #conversation: Conversation;
  readonly #response: ResponseUrl | undefined;
  readonly #now: () => number;
  /** The thread this request came from (answers go there), if any. */
  readonly #thread: string | undefined;
  #uses = 0;

  constructor(
    shared: SlackChat,
    conversation: Conversation,
    response: ResponseUrl | undefined,
    now: () => number = Date.now,
    thread: string | undefined = undefined,
  ) {
    this.#shared = shared;
    this.#conversation = conversation;
    this.#response = response;
    this.#now = now;
    this.#thread = thread;
  }

  post(view: View): Promise<MessageRef> {
    return this.#shared.post(this.#conversation, view, this.#thread);
  }

  hostImage(path: string, view: View): Promise<string> {
    return this.#shared.hostImage(this.#conversation, path, view, this.#thread);
  }

  async notify(view: View): Promise<void> {
    if (await this.#respond(view)) return;
    await this.#shared.notify(this.#conversation, view, this.#thread);
  }

  /** Answers through the response_url; false when it is spent, expired or refused. */
  async #respond(view: View): Promise<boolean> {
    const response = this.#response;
    if (response === undefined) return false;
    if (this.#uses >= RESPONSE_URL_USES || this.#now() - response.receivedAt >= RESPONSE_URL_TTL_MS)
      return false;
    this.#uses++;
    // undici's request rather than fetch: a fraction of fetch's CPU per call, which counts when
    // every command is answered this way.
    const res = await request(response.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response_type: "ephemeral", replace_original: false, ...renderView(view) }),
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    }).catch(() => undefined);
    await res?.body.dump().catch(() => {});
    return res !== undefined && res.statusCode >= 200 && res.statusCode < 300;
  }
}
