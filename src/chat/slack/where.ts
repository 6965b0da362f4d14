// Where a Slack message goes, kept in the core's Conversation.channelId: the channel id, or
// `<channel>/<thread_ts>` for a reply in a thread. Jobs store the conversation, so after a restart
// the finished video still goes to the right thread. Slack channel ids never contain "/".

export interface SlackPlace {
  readonly channel: string;
  readonly threadTs?: string;
}

export function encodePlace(place: SlackPlace): string {
  return place.threadTs === undefined ? place.channel : `${place.channel}/${place.threadTs}`;
}

export function decodePlace(channelId: string): SlackPlace {
  const slash = channelId.indexOf("/");
  if (slash < 0) return { channel: channelId };
  return { channel: channelId.slice(0, slash), threadTs: channelId.slice(slash + 1) };
}

/** `thread_ts` for a Web API call, only when there is a thread. */
export function threadArg(place: SlackPlace): { thread_ts?: string } {
  return place.threadTs === undefined ? {} : { thread_ts: place.threadTs };
}
