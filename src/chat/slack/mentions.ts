// An app mention as a request: the pictures it carries, else those of the thread's parent message
// (a mention in a thread under a picture animates it), and its event id, so that Slack's retry of
// the same event, on any instance, names the same job.

import type { WebClient } from "@slack/web-api";
import type { ChatEvent } from "../../core/chat-event.ts";
import { mentionEventSchema, repliesSchema } from "./payloads.ts";
import { imageUrls, mentionEvent } from "./to-event.ts";

export interface Mention {
  readonly event: ChatEvent;
  readonly eventId: string | undefined;
  readonly images: readonly string[];
  /** The thread the mention is in (a top-level mention: none, the channel). */
  readonly thread: string | undefined;
}

/** The request an app_mention event makes; undefined for a malformed one or a bot's own. */
export async function mentionOf(
  client: WebClient,
  raw: unknown,
  body: unknown,
  botUserId: string,
): Promise<Mention | undefined> {
  const parsed = mentionEventSchema.safeParse(raw);
  const team = (body as { team_id?: unknown }).team_id;
  if (!parsed.success || typeof team !== "string" || parsed.data.bot_id !== undefined) return undefined;
  const eventId = (body as { event_id?: unknown }).event_id;
  const mention = parsed.data;
  let images = imageUrls(mention.files, team);
  if (images.length === 0 && mention.thread_ts !== undefined && mention.thread_ts !== mention.ts)
    images = await parentImages(client, team, mention.channel, mention.thread_ts);
  const event = {
    ...mentionEvent(team, mention, botUserId, images),
    // A retry that reaches another instance still makes one job (the job id derives from it).
    ...(typeof eventId === "string" ? { requestId: eventId } : {}),
  };
  return {
    event,
    eventId: typeof eventId === "string" ? eventId : undefined,
    images,
    thread: mention.thread_ts,
  };
}

/** The images of a thread's parent message (conversations.replies lists the parent first). */
async function parentImages(
  client: WebClient,
  team: string,
  channel: string,
  threadTs: string,
): Promise<string[]> {
  const answer = await client.conversations
    .replies({ channel, ts: threadTs, limit: 1, inclusive: true })
    .catch(() => undefined);
  const parsed = repliesSchema.safeParse(answer);
  if (!parsed.success) return [];
  const parent = parsed.data.messages.find((m) => m.ts === threadTs);
  return imageUrls(parent?.files, team);
}
