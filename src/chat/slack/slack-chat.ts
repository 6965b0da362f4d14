// framecast's JobMessages on Slack, for messages that outlive the request: the job's progress message
// (chat.postMessage, then chat.update — the engine's EditThrottle spaces the updates), notices
// (chat.postEphemeral, or a direct message) and the finished video (files.getUploadURLExternal, the bytes streamed to
// the upload URL, files.completeUploadExternal to the same channel and thread). Any instance can
// do all of it with the workspace's bot token: nothing here is tied to the request that started
// a job. 429s: @slack/web-api waits out Retry-After and retries (its retry policy). Answers that
// mean the channel is closed to the bot (not_in_channel, …) become ChannelClosedError.

import { stat } from "node:fs/promises";
import { basename } from "node:path";
import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { Delivery } from "../../app/jobs/ports.ts";
import type { JobMessages, MessageRef, VideoPost } from "../../app/ports.ts";
import type { Conversation } from "../../core/chat-event.ts";
import type { View } from "../../core/views/view.ts";
import { closedAware } from "./closed.ts";
import { fileInfoSchema, postedSchema } from "./payloads.ts";
import { escapeText, renderView } from "./render.ts";
import { SharedFiles, uploadFile } from "./slack-files.ts";
import { decodeMessageId, encodeMessageId, threadArg } from "./where.ts";

/** Slack's per-file limit (commonly documented as 1 GB; platforms.md §5). */
export const SLACK_UPLOAD_LIMIT = 1024 ** 3;

/**
 * One workspace's Web API client: the bot token's, or (OAuth) the workspace's installation's.
 * Progress edits get a client of their own: @slack/web-api pauses a client's whole queue while it
 * waits out a 429's Retry-After, and chat.update (Tier 3) is the call most likely to get one, so
 * it must not hold up new videos' messages or anything bolt's listeners send.
 */
export type ClientFor = (workspaceId: string, use?: "post" | "edit") => Promise<WebClient>;

export class SlackChat implements JobMessages {
  readonly #clientFor: ClientFor;
  /** Job id → the posted video's permalink, so the job's message can point at it. */
  readonly #videos = new Map<string, string>();
  readonly #shared = new SharedFiles();

  constructor(clients: WebClient | ClientFor) {
    this.#clientFor = typeof clients === "function" ? clients : () => Promise.resolve(clients);
  }

  uploadLimit(_conversation: Conversation): number {
    return SLACK_UPLOAD_LIMIT;
  }

  /** Posts in the channel, or in the thread `threadTs` (the message id then says so). */
  async post(conversation: Conversation, view: View, threadTs?: string): Promise<MessageRef> {
    const client = await this.#clientFor(conversation.workspaceId);
    const answer = await closedAware(() =>
      client.chat.postMessage({
        channel: conversation.channelId,
        ...threadArg(threadTs),
        ...renderView(view),
        unfurl_links: false,
      }),
    );
    const ts = postedSchema.parse(answer).ts;
    return {
      conversation,
      messageId: encodeMessageId({ ts, ...(threadTs === undefined ? {} : { threadTs }) }),
    };
  }

  async edit(message: MessageRef, view: View): Promise<void> {
    const client = await this.#clientFor(message.conversation.workspaceId, "edit");
    const video = view.subject === undefined ? undefined : this.#videos.get(view.subject);
    const extra: KnownBlock[] =
      video === undefined
        ? []
        : [
            {
              type: "context",
              elements: [{ type: "mrkdwn", text: `:clapper: <${video}|The video> is posted below.` }],
            },
          ];
    const { ts } = decodeMessageId(message.messageId);
    await closedAware(() =>
      client.chat.update({ channel: message.conversation.channelId, ts, ...renderView(view, extra) }),
    );
  }

  async notify(conversation: Conversation, view: View, threadTs?: string): Promise<void> {
    const client = await this.#clientFor(conversation.workspaceId);
    await closedAware(() =>
      client.chat.postEphemeral({
        channel: conversation.channelId,
        user: conversation.userId,
        ...threadArg(threadTs),
        ...renderView(view),
      }),
    );
  }

  /** A direct message: posting to a user id lands in the app's messages with that person. */
  async direct(conversation: Conversation, view: View): Promise<void> {
    const client = await this.#clientFor(conversation.workspaceId);
    await client.chat.postMessage({ channel: conversation.userId, ...renderView(view), unfurl_links: false });
  }

  /**
   * The video as a file shared to the conversation (its id is the returned message id), or, for
   * a link, a message with the link; in the thread of the job's message (its id says which).
   * The file is remembered under `key` (the job id), for the job's message to link to.
   */
  async upload(
    { conversation, key, jobMessage }: VideoPost,
    video: Delivery,
    view: View,
  ): Promise<MessageRef> {
    const thread = threadArg(jobMessage === undefined ? undefined : decodeMessageId(jobMessage).threadTs);
    const channel = conversation.channelId;
    const client = await this.#clientFor(conversation.workspaceId);
    if (video.kind === "link") {
      const shown = renderView(view, [
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: `<${video.url}|Download the video> (not attached: ${escapeText(video.reason)}).`,
          },
        },
      ]);
      const answer = await closedAware(() => client.chat.postMessage({ channel, ...thread, ...shown }));
      return { conversation, messageId: postedSchema.parse(answer).ts };
    }
    // Slack has no idempotency key: the job id is in the file's name, and a video this job
    // already shared here (a step retried after the upload, before it was recorded) is reused.
    const filename = `framecast-${key}.mp4`;
    const already = await this.#shared.find(client, conversation.workspaceId, channel, filename);
    if (already !== undefined) {
      // Shared by an earlier try (before a crash, say): the job's message links to it all the same.
      await this.#rememberVideo(client, key, already.id, already.permalink);
      return { conversation, messageId: already.id };
    }
    const fileId = await uploadFile(client, {
      path: video.path,
      filename,
      sizeBytes: video.sizeBytes,
      title: view.title,
      share: { channel_id: channel, ...thread },
    });
    await this.#rememberVideo(client, key, fileId, undefined);
    return { conversation, messageId: fileId };
  }

  /** Keeps the video's permalink for the job's message (asked of files.info when not known). */
  async #rememberVideo(
    client: WebClient,
    key: string,
    fileId: string,
    permalink: string | undefined,
  ): Promise<void> {
    const link =
      permalink ?? (await client.files.info({ file: fileId }).catch(() => undefined))?.file?.permalink;
    if (link !== undefined) this.#videos.set(key, link);
  }

  /**
   * Extend's frame: uploaded as a private file (shared nowhere), shown to the person alone in an
   * ephemeral message, and its url_private returned: the bot fetches it back with its token.
   */
  async hostImage(conversation: Conversation, path: string, view: View, threadTs?: string): Promise<string> {
    const client = await this.#clientFor(conversation.workspaceId);
    const fileId = await uploadFile(client, {
      path,
      filename: basename(path),
      sizeBytes: (await stat(path)).size,
      title: view.title,
    });
    const info = fileInfoSchema.parse(await client.files.info({ file: fileId }));
    await client.chat.postEphemeral({
      channel: conversation.channelId,
      user: conversation.userId,
      ...threadArg(threadTs),
      ...renderView(view, [{ type: "image", slack_file: { id: fileId }, alt_text: view.title }]),
    });
    return info.file.url_private;
  }
}
