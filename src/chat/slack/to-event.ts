// Slack payloads → the core's ChatEvent. Slash commands become the text the command router reads
// (`/video a fox --ar 9:16`, `/framecast usage`), exactly as on the console; a button
// `fc:<action>:<job>` becomes a button event; the animate modal and a thread mention become
// /video with the image's url_private as first (and last) frame, delivered images: only files of
// the requester's own workspace (the team and file id in their url_private checked) count.

import type { ChatEvent, Conversation } from "../../core/chat-event.ts";
import type { RawRequest } from "../../core/request.ts";
import { decodeActionId } from "./action-id.ts";
import type { BlockActionsPayload, MentionEvent, SlackFile, SlashCommandPayload } from "./payloads.ts";

/** Slack escapes &, < and > in message text (its links and mentions stay in <…>). */
export const unescapeText = (text: string): string =>
  text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** Who and where: the workspace and the channel (a thread is its channel's; see where.ts). */
export function conversation(
  team: string,
  channel: string,
  user: { id: string; name?: string },
): Conversation {
  return {
    platform: "slack",
    workspaceId: team,
    channelId: channel,
    userId: user.id,
    userName: user.name ?? "",
  };
}

const who = (c: Conversation): Pick<ChatEvent, "conversation" | "roles"> => ({ conversation: c, roles: [] });

export function commandEvent(command: SlashCommandPayload): ChatEvent {
  const c = conversation(command.team_id, command.channel_id, {
    id: command.user_id,
    name: command.user_name,
  });
  return {
    ...who(c),
    // Slack's id of this one command: the same body sent again (a replay) names the same job.
    ...(command.trigger_id === undefined ? {} : { requestId: `command:${command.trigger_id}` }),
    input: { kind: "text", text: `${command.command} ${unescapeText(command.text)}`.trim() },
  };
}

/** A framecast button click; undefined for a button that isn't ours. */
export function buttonEvent(payload: BlockActionsPayload): ChatEvent | undefined {
  const action = payload.actions[0];
  const decoded = action === undefined ? undefined : decodeActionId(action.action_id);
  const team = payload.team?.id ?? payload.user.team_id;
  const channel = payload.channel?.id ?? payload.container?.channel_id;
  if (decoded === undefined || team === undefined || channel === undefined) return undefined;
  const c = conversation(team, channel, {
    id: payload.user.id,
    name: payload.user.name ?? payload.user.username ?? "",
  });
  const clicked = Number(action?.action_ts);
  return {
    ...who(c),
    input: {
      kind: "button",
      action: decoded.action,
      subject: decoded.subject,
      ...(Number.isFinite(clicked) && clicked > 0 ? { clickedAt: new Date(clicked * 1000) } : {}),
    },
  };
}

/**
 * At most two images, in the message's order: the first frame, then the last. Only `team`'s own
 * files: a file shared in from another workspace (or a url_private naming another file) is left
 * out, since its token isn't ours to use.
 */
export function imageUrls(files: readonly SlackFile[] | undefined, team: string): string[] {
  return (files ?? [])
    .flatMap((f) => {
      if (f.mimetype?.startsWith("image/") !== true || f.url_private === undefined) return [];
      const path = new URL(f.url_private).pathname;
      return path.startsWith(`/files-pri/${team}-${f.id}/`) ? [f.url_private] : [];
    })
    .slice(0, 2);
}

/** The animate modal's answers → /video's typed options with the image(s). */
export function animateEvent(
  c: Conversation,
  answers: { prompt: string; duration?: string; ratio?: string },
  images: readonly string[],
): ChatEvent {
  const [first, last] = images;
  const options: RawRequest = {
    prompt: answers.prompt,
    ...(answers.duration === undefined ? {} : { duration: answers.duration }),
    ...(answers.ratio === undefined ? {} : { ratio: answers.ratio }),
    ...(first === undefined ? {} : { firstFrame: first }),
    ...(last === undefined ? {} : { lastFrame: last }),
  };
  return { ...who(c), attachedImages: images, input: { kind: "video-options", options } };
}

/** A mention's text without the bot's own `<@U…>`, as /video text, with the image(s) it brings. */
export function mentionEvent(
  team: string,
  event: MentionEvent,
  botUserId: string,
  images: readonly string[],
): ChatEvent {
  const text = unescapeText(event.text).replaceAll(`<@${botUserId}>`, "").trim();
  const c = conversation(team, event.channel, { id: event.user });
  return {
    ...who(c),
    input: {
      kind: "text",
      text: ["/video", text].filter((t) => t !== "").join(" "),
      ...(images.length === 0 ? {} : { images }),
    },
  };
}
