import type { View } from "./view.ts";

export const SUBCOMMANDS = ["help", "models", "usage", "history", "cancel", "admin"] as const;

export function unknownSubcommandView(subcommand: string): View {
  return {
    tone: "warning",
    title: `/framecast has no "${subcommand}"`,
    private: true,
    blocks: [{ kind: "text", text: `Try /framecast ${SUBCOMMANDS.join(" or /framecast ")}.` }],
  };
}

export function unknownCommandView(command: string): View {
  return {
    tone: "warning",
    title: `framecast doesn't know ${command.length > 40 ? `${command.slice(0, 40)}…` : command}`,
    private: true,
    blocks: [
      {
        kind: "text",
        text: "Start a line with /video to make a video (e.g. /video a fox in snow --ar 9:16), or /help to see every option.",
      },
    ],
  };
}

/** For a failure that is ours, not the user's: no details, no stack, nothing charged. */
export function internalErrorView(reference: string): View {
  return {
    tone: "error",
    title: "Something went wrong on our side",
    private: true,
    blocks: [
      {
        kind: "text",
        text: `Nothing was charged. Please try again; if it keeps happening, tell an admin (ref ${reference}).`,
      },
    ],
  };
}

/** A job button this platform or set-up can't do (extend: needs the engine and private image hosting). */
export function unavailableButtonView(action: string): View {
  const text =
    action === "extend"
      ? "Extending a video isn't available here: it needs the video's last frame shown to you privately as the next video's first frame, which this chat can't do. Nothing was charged."
      : action === "continue"
        ? "Continue isn't available here: it needs the job engine. Nothing was charged."
        : `The "${action.replaceAll("_", " ")}" button isn't available yet. Nothing was charged.`;
  return { tone: "info", title: "Not available here", private: true, blocks: [{ kind: "text", text }] };
}

/** "Animate" on a message without an image the providers can start from. */
export function noImageView(): View {
  return {
    tone: "warning",
    title: "No image to animate",
    private: true,
    blocks: [
      {
        kind: "text",
        text: "That message has no image attached. framecast animates PNG, JPEG, WebP or GIF attachments: use Animate on a message that has one, or reply to it mentioning framecast with what should happen. Nothing was charged.",
      },
    ],
  };
}

/** The message an animate form was opened on can no longer be read (deleted, or the bot restarted). */
export function imageGoneView(): View {
  return {
    tone: "warning",
    title: "Image not found",
    private: true,
    blocks: [
      {
        kind: "text",
        text: "framecast can no longer see the image that form was for (the message may have been deleted). Use Animate on the message again. Nothing was charged.",
      },
    ],
  };
}

/** A reply mentioning the bot whose replied-to message the bot may not read (Discord's Message Content intent is off). */
export function imageHiddenView(): View {
  return {
    tone: "warning",
    title: "I can't see that message",
    private: true,
    blocks: [
      {
        kind: "text",
        text: 'Discord only shows framecast the messages that mention it, so it can\'t see the picture you replied to. Use "Animate with framecast" on that message instead (right-click or long-press → Apps), or attach the picture to your mention. (Server admins: enabling the Message Content intent and DISCORD_MESSAGE_CONTENT=true lets replies work.) Nothing was charged.',
      },
    ],
  };
}

/**
 * The bot couldn't post in the conversation (its first message for a job, or the finished video):
 * the job is over and nothing was charged. `why` is the platform's reason, in words.
 */
export function notPostedView(what: "message" | "video", why: string | undefined): View {
  const lead =
    what === "message"
      ? "framecast couldn't post this video's message here"
      : "framecast made your video but couldn't post it here";
  return {
    tone: "error",
    title: what === "message" ? "Couldn't post here" : "Your video couldn't be posted",
    private: true,
    blocks: [
      {
        kind: "text",
        text: `${lead}${why === undefined ? "" : ` (${why})`}, so it was stopped and refunded: nothing was charged. Invite framecast to the channel, or let it send messages and files there, then try again.`,
      },
    ],
  };
}

/** Slack: "Animate with framecast" (or a mention) with no picture to animate. */
export function noImageToAnimateView(): View {
  return {
    tone: "info",
    title: "No image to animate",
    private: true,
    blocks: [
      {
        kind: "text",
        text: "Use “Animate with framecast” on a message with an image, or mention me in a thread under one (or with one attached). For a video from words alone, use /video.",
      },
    ],
  };
}
