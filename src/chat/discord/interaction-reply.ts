// The Reply for one interaction's answers. Discord wants an initial response within 3 s
// (receiving-and-responding.mdx): framecast answers directly when the handler is quick, and
// defers ("thinking…") once `deferAfterMs` passes without an answer. Notices are ephemeral
// (flag 64); a notice after a public defer deletes the "thinking…" message first, so a refusal
// leaves nothing public. A job's message posted here is edited later by DiscordChat, through this
// interaction's webhook while its token lives: `tokens` hands it over.

import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { MessageFlags, type REST, Routes } from "discord.js";
import type { MessageRef, Reply } from "../../app/ports.ts";
import type { Conversation } from "../../core/chat-event.ts";
import type { View } from "../../core/views/view.ts";
import type { InteractionResponse, Responder } from "./callback.ts";
import type { InteractionTokens } from "./interaction-tokens.ts";
import { renderView } from "./render.ts";

/** Discord's interaction callback types used here (InteractionResponseType). */
const CHANNEL_MESSAGE = 4;
const DEFERRED_CHANNEL_MESSAGE = 5;

export interface InteractionIdentity {
  readonly id: string;
  readonly applicationId: string;
  /** Secret for 15 minutes: never logged. */
  readonly token: string;
  readonly receivedAt: number;
}

type State = "unanswered" | "deferred" | "answered";

export class InteractionReply implements Reply {
  readonly #rest: REST;
  readonly #tokens: InteractionTokens;
  readonly #interaction: InteractionIdentity;
  readonly #conversation: Conversation;
  /** Defer as ephemeral: every answer to this interaction is private (/framecast, buttons). */
  readonly #private: boolean;
  /** The first response: the callback endpoint, or an HTTP interaction's own answer. */
  readonly #respond: Responder;
  #state: State = "unanswered";
  #queue: Promise<unknown> = Promise.resolve();
  readonly #timer: NodeJS.Timeout;

  constructor(
    rest: REST,
    tokens: InteractionTokens,
    interaction: InteractionIdentity & { readonly conversation: Conversation },
    options: { deferAfterMs: number; private: boolean; respond: Responder },
  ) {
    this.#rest = rest;
    this.#tokens = tokens;
    this.#interaction = interaction;
    this.#conversation = interaction.conversation;
    this.#private = options.private;
    this.#respond = options.respond;
    const defer = (): void => {
      this.#serially(() => this.#defer()).catch(() => {});
    };
    // 0: defer before anything else is said (the first request this interaction makes).
    if (options.deferAfterMs <= 0) defer();
    this.#timer = setTimeout(defer, Math.max(0, options.deferAfterMs));
  }

  /** Stops the defer timer (the handler is done). */
  close(): void {
    clearTimeout(this.#timer);
  }

  get answered(): boolean {
    return this.#state !== "unanswered";
  }

  post(view: View): Promise<MessageRef> {
    return this.#serially(async () => {
      const body = { ...renderView(view), allowed_mentions: { parse: [] } };
      let id: string;
      let original = true;
      if (this.#state === "unanswered") {
        const response = (await this.#callback({ type: CHANNEL_MESSAGE, data: body }, true)) as
          | { resource?: { message?: { id: string } } }
          | undefined;
        id = response?.resource?.message?.id ?? "";
      } else if (this.#state === "deferred") {
        id = ((await this.#rest.patch(this.#webhook("@original"), { body, auth: false })) as { id: string })
          .id;
      } else {
        id = (
          (await this.#rest.post(Routes.webhook(this.#interaction.applicationId, this.#interaction.token), {
            body,
            auth: false,
          })) as { id: string }
        ).id;
        original = false;
      }
      this.#state = "answered";
      this.#tokens.remember(id, {
        applicationId: this.#interaction.applicationId,
        token: this.#interaction.token,
        original,
        receivedAt: this.#interaction.receivedAt,
      });
      return { conversation: this.#conversation, messageId: id };
    });
  }

  notify(view: View): Promise<void> {
    return this.#serially(async () => {
      const body = { ...renderView(view), flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } };
      if (this.#state === "unanswered") {
        await this.#callback({ type: CHANNEL_MESSAGE, data: body });
      } else if (this.#state === "deferred" && this.#private) {
        await this.#rest.patch(this.#webhook("@original"), { body, auth: false });
      } else {
        // A public "thinking…" can't turn ephemeral: remove it, then answer privately.
        if (this.#state === "deferred") await this.#rest.delete(this.#webhook("@original"), { auth: false });
        await this.#rest.post(Routes.webhook(this.#interaction.applicationId, this.#interaction.token), {
          body,
          auth: false,
        });
      }
      this.#state = "answered";
    });
  }

  /**
   * The picture as an ephemeral follow-up (only the person sees it); its CDN link is what a
   * provider fetches. Defers first if nothing was said yet, as a follow-up needs an answer before it.
   */
  hostImage(path: string, view: View): Promise<string> {
    return this.#serially(async () => {
      await this.#defer();
      const name = `frame${extname(path) || ".png"}`;
      const sent = (await this.#rest.post(
        Routes.webhook(this.#interaction.applicationId, this.#interaction.token),
        {
          body: {
            ...renderView(view, { image: `attachment://${name}` }),
            flags: MessageFlags.Ephemeral,
            allowed_mentions: { parse: [] },
            attachments: [{ id: 0, filename: name }],
          },
          files: [{ name, data: await readFile(path) }],
          auth: false,
        },
      )) as { attachments?: { url?: string }[] };
      const url = sent.attachments?.[0]?.url;
      if (url === undefined) throw new Error("Discord did not return the picture's link");
      return url;
    });
  }

  async #defer(): Promise<void> {
    if (this.#state !== "unanswered") return;
    await this.#callback({
      type: DEFERRED_CHANNEL_MESSAGE,
      data: this.#private ? { flags: MessageFlags.Ephemeral } : {},
    });
    this.#state = "deferred";
  }

  #callback(body: InteractionResponse, withResponse = false): Promise<unknown> {
    return this.#respond(body, withResponse);
  }

  #webhook(messageId: string): `/${string}` {
    return Routes.webhookMessage(this.#interaction.applicationId, this.#interaction.token, messageId);
  }

  #serially<T>(run: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => {});
    return next;
  }
}
