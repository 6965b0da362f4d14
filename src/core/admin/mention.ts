// Who or where an admin command names, as the platform writes it: Discord <@123>, <@!123>,
// <@&456> (role), <#789> (channel); Slack <@U123|name>, <#C123|general>; the console @name, #name.

export type MentionKind = "user" | "role" | "channel";

const PLATFORM_MENTION = /^<(@&|@!?|#)([^|>]+)(?:\|[^>]*)?>$/u;

/** The id inside a mention (or the bare id/name), or undefined if `text` is empty. */
export function mentionId(text: string): string | undefined {
  const trimmed = text.trim();
  const match = PLATFORM_MENTION.exec(trimmed);
  const id = match?.[2] ?? trimmed.replace(/^[@#]/u, "");
  return id === "" ? undefined : id;
}
