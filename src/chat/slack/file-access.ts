// Slack's files (`url_private`) download only with the bot token as a bearer token; without it
// Slack answers its HTML sign-in page with 200 (platforms.md §5). The media fetcher sends this
// header to Slack's file host only (and to the API's own host when it isn't slack.com: a fake).

export function slackFileAccess(
  botToken: string,
  apiUrl: string,
): { hosts: string[]; headers: Record<string, Record<string, string>> } {
  const api = new URL(apiUrl);
  const apiHost = api.port === "" ? api.hostname : `${api.hostname}:${api.port}`;
  const hosts = ["files.slack.com", ...(api.hostname === "slack.com" ? [] : [apiHost])];
  const header = { authorization: `Bearer ${botToken}` };
  return { hosts, headers: Object.fromEntries(hosts.map((h) => [h, header])) };
}
