// Slack threads. A conversation stays the channel (channel policies and channel quotas apply to
// a thread as to its channel); the thread a message lives in rides in its message id instead:
// `<ts>` for a message in the channel, `<ts>@<thread_ts>` for one in a thread. Jobs store that
// id, so after a restart the finished video still goes to the thread. Slack's ts never has "@".

export interface SlackMessageId {
  readonly ts: string;
  readonly threadTs?: string;
}

export function encodeMessageId(id: SlackMessageId): string {
  return id.threadTs === undefined ? id.ts : `${id.ts}@${id.threadTs}`;
}

export function decodeMessageId(messageId: string): SlackMessageId {
  const at = messageId.indexOf("@");
  if (at < 0) return { ts: messageId };
  return { ts: messageId.slice(0, at), threadTs: messageId.slice(at + 1) };
}

/** `thread_ts` for a Web API call, only when there is a thread. */
export function threadArg(threadTs: string | undefined): { thread_ts?: string } {
  return threadTs === undefined ? {} : { thread_ts: threadTs };
}
