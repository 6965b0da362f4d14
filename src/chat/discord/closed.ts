// Discord's answers that mean the bot may not post in a channel (opcodes-and-status-codes.mdx):
// trying again won't help, so the engine gives up at once and tells the person elsewhere.

import { DiscordAPIError } from "discord.js";
import { ChannelClosedError } from "../../app/ports.ts";

/** Discord JSON error code → the reason in words (shown to the person). */
const CLOSED: ReadonlyMap<number | string, string> = new Map([
  [50001, "framecast can't see this channel (Missing Access)"],
  [50013, "framecast may not send messages or files in this channel (Missing Permissions)"],
  [10003, "this channel no longer exists (Unknown Channel)"],
]);

/** Runs a Discord REST call, turning a closed channel's answer into a ChannelClosedError. */
export async function closedAware<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const reason = error instanceof DiscordAPIError ? CLOSED.get(error.code) : undefined;
    throw reason === undefined ? error : new ChannelClosedError(reason, { cause: error });
  }
}
