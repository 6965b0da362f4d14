// Slack's files (`url_private`) download only with a bot token of the file's workspace; without
// one Slack answers its HTML sign-in page with 200 (platforms.md §5). framecast sends a token only
// to Slack's file host, only over https, only for a job of the file's own workspace (the team in
// `/files-pri/<team>-<file>/…` is the job's), and only ever that workspace's token. Which files a
// job may use at all is decided before: files attached to the request's own messages (to-event.ts).

/** Slack's file host; with a Web API base that isn't slack.com (a fake), that API's host too. */
export function slackFileHosts(apiUrl: string): string[] {
  const api = new URL(apiUrl);
  const apiHost = api.port === "" ? api.hostname : `${api.hostname}:${api.port}`;
  return ["files.slack.com", ...(api.hostname === "slack.com" ? [] : [apiHost])];
}

/** The workspace a file belongs to, from its url_private (`/files-pri/T…-F…/name`). */
export function fileTeam(url: URL): string | undefined {
  return /^\/files-pri\/([A-Z0-9]+)-F[A-Z0-9]+\//u.exec(url.pathname)?.[1];
}

/**
 * Slack's private files for the image fetcher (media/image-fetcher.ts PrivateFiles): `tokenOf`
 * gives a workspace's bot token (one workspace: always the configured one; several: its
 * installation's).
 */
export function slackPrivateFiles(options: {
  readonly hosts: readonly string[];
  readonly tokenOf: (workspaceId: string) => Promise<string | undefined>;
}): {
  platform: "slack";
  hosts: readonly string[];
  credentials: (url: URL, workspaceId: string) => Promise<Record<string, string>>;
} {
  return {
    platform: "slack",
    hosts: options.hosts,
    credentials: async (url, workspaceId): Promise<Record<string, string>> => {
      if (url.protocol !== "https:" || fileTeam(url) !== workspaceId) return {};
      const token = await options.tokenOf(workspaceId);
      return token === undefined ? {} : { authorization: `Bearer ${token}` };
    },
  };
}
