// Slack's answers that mean the bot may not post in a channel: trying again won't help, so the
// engine gives up at once and tells the person elsewhere (ChannelClosedError).

import { ChannelClosedError } from "../../app/ports.ts";

/** Slack error code → the reason in words (shown to the person). */
const CLOSED: Readonly<Record<string, string>> = {
  not_in_channel: "framecast isn't a member of this channel",
  channel_not_found: "framecast can't see this channel",
  is_archived: "this channel is archived",
  restricted_action: "this workspace doesn't let framecast post here",
  restricted_action_read_only_channel: "this channel is read-only",
  restricted_action_non_threadable_channel: "this channel doesn't allow threads",
  ekm_access_denied: "this workspace's administrators blocked framecast here",
};

/** `error` as a ChannelClosedError when Slack's answer says the channel is closed to the bot. */
export function closedOrSelf(error: unknown): unknown {
  const code =
    typeof error === "object" && error !== null && "data" in error
      ? (error.data as { error?: unknown } | undefined)?.error
      : undefined;
  const reason = typeof code === "string" ? CLOSED[code] : undefined;
  return reason === undefined ? error : new ChannelClosedError(`${reason}: ${code}`, { cause: error });
}

/** Runs a Slack call, turning a closed channel's answer into a ChannelClosedError. */
export async function closedAware<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw closedOrSelf(error);
  }
}
