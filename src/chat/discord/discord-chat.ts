// framecast's JobMessages on Discord: messages that outlive their interaction: the job engine's
// progress edits and the finished video. An edit goes through the interaction's webhook while its
// token is fresh (15 minutes; we stop at 14), else, and after a restart, as the bot's own channel
// message (interaction-tokens.ts hands the token over). The per-interaction replies (defer,
// ephemeral notices) live in InteractionReply, a mention's in MessageReply.

import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { DiscordAPIError, type RawFile, type REST, Routes } from "discord.js";
import type { Delivery } from "../../app/jobs/ports.ts";
import type { JobMessages, MessageRef, VideoPost } from "../../app/ports.ts";
import type { Conversation } from "../../core/chat-event.ts";
import type { View } from "../../core/views/view.ts";
import { closedAware } from "./closed.ts";
import type { InteractionTokens } from "./interaction-tokens.ts";
import { renderView } from "./render.ts";

/** Discord's per-file upload limit without boosts (reference.mdx "Uploading Files"). */
export const DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024;
/** Everything Discord may refuse an expired or unknown token with (50027, 10015, 10008). */
const TOKEN_GONE = new Set<number | string>([50027, 10015, 10008]);

/** Enforced nonces are at most 25 characters: a short hash of the idempotency key. */
export const nonceOf = (key: string): string =>
  createHash("sha256").update(key).digest("base64url").slice(0, 20);

const NO_PINGS = { parse: [] as never[] };

export class DiscordChat implements JobMessages {
  readonly #rest: REST;
  readonly #interactionRest: REST;
  readonly #tokens: InteractionTokens;
  readonly #uploadLimits = new Map<string, number>();

  /**
   * `tokens`: the interactions whose answers are job messages (shared with InteractionReply);
   * `interactionRest` edits through interaction webhooks (see interactionRestOptions).
   */
  constructor(rest: REST, tokens: InteractionTokens, interactionRest: REST = rest) {
    this.#rest = rest;
    this.#tokens = tokens;
    this.#interactionRest = interactionRest;
  }

  /** Records a workspace's upload limit, as interactions tell it (`attachment_size_limit`). */
  rememberUploadLimit(workspaceId: string, bytes: number | undefined): void {
    if (bytes !== undefined && bytes > 0) this.#uploadLimits.set(workspaceId, bytes);
  }

  uploadLimit(conversation: Conversation): number {
    return this.#uploadLimits.get(conversation.workspaceId) ?? DEFAULT_UPLOAD_LIMIT;
  }

  /** A channel message; `replyTo` makes it a reply to that message (without pinging its author). */
  async post(conversation: Conversation, view: View, replyTo?: string): Promise<MessageRef> {
    const sent = (await closedAware(() =>
      this.#rest.post(Routes.channelMessages(conversation.channelId), {
        body: { ...renderView(view), allowed_mentions: NO_PINGS, ...replyReference(replyTo) },
      }),
    )) as { id: string };
    return { conversation, messageId: sent.id };
  }

  async edit(message: MessageRef, view: View): Promise<void> {
    const body = { ...renderView(view), allowed_mentions: NO_PINGS };
    const via = this.#tokens.fresh(message.messageId);
    if (via !== undefined) {
      const id = via.original ? "@original" : message.messageId;
      try {
        await this.#interactionRest.patch(Routes.webhookMessage(via.applicationId, via.token, id), {
          body,
          auth: false,
        });
        return;
      } catch (error) {
        if (!(error instanceof DiscordAPIError && TOKEN_GONE.has(error.code))) throw error;
      }
    }
    this.#tokens.forget(message.messageId);
    await closedAware(() =>
      this.#rest.patch(Routes.channelMessage(message.conversation.channelId, message.messageId), { body }),
    );
  }

  /**
   * Discord has no ephemeral channel messages: without an interaction to answer, a notice is a
   * channel message addressed to the person.
   */
  async notify(conversation: Conversation, view: View, replyTo?: string): Promise<void> {
    await closedAware(() =>
      this.#rest.post(Routes.channelMessages(conversation.channelId), {
        body: {
          content: `<@${conversation.userId}>`,
          ...renderView(view),
          allowed_mentions: { users: [conversation.userId] },
          ...replyReference(replyTo),
        },
      }),
    );
  }

  /** A direct message: the DM channel with the person (users/@me/channels), then a message there. */
  async direct(conversation: Conversation, view: View): Promise<void> {
    const dm = (await this.#rest.post(Routes.userChannels(), {
      body: { recipient_id: conversation.userId },
    })) as { id: string };
    await this.#rest.post(Routes.channelMessages(dm.id), {
      body: { ...renderView(view), allowed_mentions: NO_PINGS },
    });
  }

  /** The video (or its poster and link) as a channel message; `key` → an enforced nonce. */
  async upload({ conversation, key }: VideoPost, video: Delivery, view: View): Promise<MessageRef> {
    const path = video.kind === "file" ? video.path : video.posterPath;
    const name = video.kind === "file" ? "framecast.mp4" : `poster${extension(path ?? "")}`;
    const files: RawFile[] = path === undefined ? [] : [{ name, data: await readFile(path) }];
    const shown: View =
      video.kind === "file"
        ? view
        : {
            ...view,
            blocks: [
              ...view.blocks,
              { kind: "text", text: `Download: ${video.url}\n(Not attached: ${video.reason}.)` },
            ],
          };
    const image = video.kind === "link" && files.length > 0 ? `attachment://${name}` : undefined;
    const sent = (await closedAware(() =>
      this.#rest.post(Routes.channelMessages(conversation.channelId), {
        body: {
          ...renderView(shown, image === undefined ? {} : { image }),
          allowed_mentions: NO_PINGS,
          attachments: files.map((f, i) => ({ id: i, filename: f.name })),
          nonce: nonceOf(key),
          enforce_nonce: true,
        },
        files,
      }),
    )) as { id: string };
    return { conversation, messageId: sent.id };
  }
}

/** A reply that still posts if the message it answers was deleted meanwhile. */
function replyReference(messageId: string | undefined): object {
  return messageId === undefined
    ? {}
    : { message_reference: { message_id: messageId, fail_if_not_exists: false } };
}

function extension(path: string): string {
  const match = /\.[a-z0-9]+$/iu.exec(basename(path));
  return match === null ? ".jpg" : match[0].toLowerCase();
}
