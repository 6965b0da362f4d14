// Slack's files (`url_private`) download only with a bot token of the file's workspace; without
// one Slack answers its HTML sign-in page with 200 (platforms.md §5). The media fetcher sends the
// header to Slack's file host only (and to the API's own host when it isn't slack.com: a fake).

/** Slack's file host, and the API's host when it isn't Slack's (a fake serves files itself). */
export function slackFileHosts(apiUrl: string): string[] {
  const api = new URL(apiUrl);
  const apiHost = api.port === "" ? api.hostname : `${api.hostname}:${api.port}`;
  return ["files.slack.com", ...(api.hostname === "slack.com" ? [] : [apiHost])];
}

/** One workspace: the same bearer token for every Slack file. */
export function slackFileAccess(
  botToken: string,
  apiUrl: string,
): { hosts: string[]; headers: Record<string, Record<string, string>> } {
  const hosts = slackFileHosts(apiUrl);
  const header = { authorization: `Bearer ${botToken}` };
  return { hosts, headers: Object.fromEntries(hosts.map((h) => [h, header])) };
}

/**
 * Several workspaces: each file's workspace is in its URL (`/files-pri/<team>-<file>/…`), and
 * its bot token comes from that workspace's installation.
 */
export function slackFileAccessByWorkspace(
  tokenOf: (workspaceId: string) => Promise<string | undefined>,
  apiUrl: string,
): { hosts: string[]; headers: (url: URL) => Promise<Record<string, string>> } {
  const hosts = new Set(slackFileHosts(apiUrl));
  return {
    hosts: [...hosts],
    headers: async (url): Promise<Record<string, string>> => {
      if (!hosts.has(url.host)) return {};
      const team = /^\/files-pri\/([A-Z0-9]+)-F/u.exec(url.pathname)?.[1];
      const token = team === undefined ? undefined : await tokenOf(team);
      return token === undefined ? {} : { authorization: `Bearer ${token}` };
    },
  };
}
