// Settings that are each valid alone but can't work together: one message per problem, naming
// the variable to change.

import type { Env } from "./env-schema.ts";

/** Shard ids need the total count, and each must be below it. */
export function shardProblems(e: Env): string[] {
  const shards = e.DISCORD_SHARDS;
  if (shards === undefined || shards === "auto") return [];
  const count = e.DISCORD_SHARD_COUNT;
  if (count === undefined)
    return ["DISCORD_SHARDS: give the total across all instances in DISCORD_SHARD_COUNT too (e.g. 2)"];
  const outside = shards.filter((id) => id >= count);
  return outside.length === 0
    ? []
    : [
        `DISCORD_SHARDS: ${outside.join(", ")} is not below DISCORD_SHARD_COUNT (${count}); shard ids are 0 to ${count - 1}`,
      ];
}

/** Discord's HTTP interactions need the bot token (to answer) and PORT (to be reached). */
export function discordProblems(e: Env): string[] {
  const problems: string[] = [];
  if (e.DISCORD_PUBLIC_KEY !== undefined && e.DISCORD_TOKEN === undefined)
    problems.push(
      "DISCORD_PUBLIC_KEY: set DISCORD_TOKEN too (videos are posted and edited with the bot token)",
    );
  if (e.DISCORD_PUBLIC_KEY !== undefined && e.PORT === undefined)
    problems.push(
      "PORT: Discord's HTTP interactions arrive at PORT's /discord/interactions; set PORT (e.g. PORT=3000)",
    );
  if (!e.DISCORD_GATEWAY && e.DISCORD_TOKEN !== undefined && e.DISCORD_PUBLIC_KEY === undefined)
    problems.push(
      "DISCORD_GATEWAY: without the gateway nothing reaches the bot; set DISCORD_PUBLIC_KEY for HTTP interactions, or DISCORD_GATEWAY=true",
    );
  return problems;
}

/** Slack settings that can't work together. */
export function slackProblems(e: Env): string[] {
  const problems: string[] = [];
  const oauth = [e.SLACK_CLIENT_ID, e.SLACK_CLIENT_SECRET, e.SLACK_STATE_SECRET];
  const anyOauth = oauth.some((v) => v !== undefined);
  if (anyOauth && oauth.some((v) => v === undefined))
    problems.push(
      "SLACK_CLIENT_ID: installing into several workspaces needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET together",
    );
  if (anyOauth && e.SLACK_BOT_TOKEN !== undefined)
    problems.push(
      "SLACK_BOT_TOKEN: unset it with OAuth (SLACK_CLIENT_ID): each workspace's token comes from its installation",
    );
  if (anyOauth && e.SLACK_APP_TOKEN !== undefined)
    problems.push(
      "SLACK_APP_TOKEN: OAuth installs need HTTP mode (SLACK_SIGNING_SECRET and PORT), not Socket Mode",
    );
  if (e.SLACK_BOT_TOKEN === undefined && !anyOauth) {
    if (e.SLACK_SIGNING_SECRET !== undefined || e.SLACK_APP_TOKEN !== undefined)
      problems.push("SLACK_BOT_TOKEN: set it too (the xoxb-… token), or unset the other SLACK_ settings");
    return problems;
  }
  if (e.SLACK_APP_TOKEN === undefined && e.SLACK_SIGNING_SECRET === undefined)
    problems.push(
      "SLACK_SIGNING_SECRET: set it for HTTP mode (with PORT), or SLACK_APP_TOKEN for Socket Mode",
    );
  if (e.SLACK_APP_TOKEN === undefined && e.SLACK_SIGNING_SECRET !== undefined && e.PORT === undefined)
    problems.push(
      "PORT: Slack's HTTP mode receives requests at PORT's /slack/events; set PORT (e.g. PORT=3000)",
    );
  return problems;
}
