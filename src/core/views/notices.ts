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

/** A job button whose action is not built yet (extend: needs the last frame hosted as an image). */
export function unavailableButtonView(action: string): View {
  const text =
    action === "extend"
      ? "Extending a video isn't available yet: it needs the video's last frame as the next video's first frame, which framecast can't do yet. Nothing was charged."
      : `The "${action.replaceAll("_", " ")}" button isn't available yet. Nothing was charged.`;
  return { tone: "info", title: "Not available yet", private: true, blocks: [{ kind: "text", text }] };
}
