// Chat platform tokens, each checked with a call that reads and changes nothing.

import { z } from "zod";
import type { Finding } from "./findings.ts";
import { excerpt, probe, unreachable } from "./probe.ts";

const discordUser = z.object({ id: z.string(), username: z.string() });
const discordError = z.object({ message: z.string() });

/** Discord: GET /users/@me with the bot token (platforms.md: any REST call authenticates it). */
export async function checkDiscord(token: string, apiUrl: string): Promise<Finding> {
  const subject = "Discord";
  const reply = await probe(`${apiUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${token}` } });
  if (!reply.ok) return unreachable(subject, apiUrl, "DISCORD_API_URL", reply.reason);
  const user = discordUser.safeParse(reply.json);
  if (reply.status === 200 && user.success)
    return {
      subject,
      verdict: "ok",
      message: `DISCORD_TOKEN works: the bot is ${user.data.username} (id ${user.data.id})`,
    };
  const why = discordError.safeParse(reply.json);
  const detail = why.success ? why.data.message : excerpt(reply.text);
  if (reply.status === 401)
    return {
      subject,
      verdict: "fail",
      message: `DISCORD_TOKEN was refused by Discord (401): ${detail}`,
      fix: "Developer Portal → your application → Bot → Reset Token, and put the new token in DISCORD_TOKEN (the bot token, not the client secret or the public key).",
    };
  return {
    subject,
    verdict: "fail",
    message: `Discord answered HTTP ${reply.status} to GET /users/@me: ${detail}`,
    fix: "Try again in a minute; if it persists, check https://discordstatus.com.",
  };
}

const slackAuth = z.object({
  ok: z.boolean(),
  error: z.string().optional(),
  team: z.string().optional(),
  user: z.string().optional(),
  user_id: z.string().optional(),
});

/** Slack: auth.test with the bot token (Web API; answers HTTP 200 with ok:false on a bad token). */
export async function checkSlack(token: string, apiUrl: string, variable: string): Promise<Finding> {
  const subject = "Slack";
  const reply = await probe(`${apiUrl.replace(/\/+$/u, "")}/auth.test`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: "",
  });
  if (!reply.ok) return unreachable(subject, apiUrl, "SLACK_API_URL", reply.reason);
  const auth = slackAuth.safeParse(reply.json);
  if (auth.success && auth.data.ok)
    return {
      subject,
      verdict: "ok",
      message: `${variable} works: the bot is ${auth.data.user ?? auth.data.user_id ?? "?"} in ${auth.data.team ?? "?"}`,
    };
  const error = auth.success ? (auth.data.error ?? "unknown error") : `HTTP ${reply.status}`;
  return {
    subject,
    verdict: "fail",
    message: `${variable} was refused by Slack (${error})`,
    fix: "api.slack.com/apps → your app → OAuth & Permissions: copy the Bot User OAuth Token (xoxb-…), and reinstall the app if its scopes changed.",
  };
}

const slackAnswer = z.object({ ok: z.boolean(), error: z.string().optional() });

/**
 * Slack OAuth (several workspaces): oauth.v2.access with the client's credentials and a code that
 * can't exist. Slack checks the credentials first, so `invalid_code` means they are right; nothing
 * is installed or changed.
 */
export async function checkSlackOauth(
  clientId: string,
  clientSecret: string,
  apiUrl: string,
): Promise<Finding> {
  const subject = "Slack";
  const body = new URLSearchParams({
    client_id: clientId,
    client_secret: clientSecret,
    code: "framecast-doctor",
  });
  const reply = await probe(`${apiUrl.replace(/\/+$/u, "")}/oauth.v2.access`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
  if (!reply.ok) return unreachable(subject, apiUrl, "SLACK_API_URL", reply.reason);
  const answer = slackAnswer.safeParse(reply.json);
  const error = answer.success ? answer.data.error : undefined;
  if (error === "invalid_code")
    return {
      subject,
      verdict: "ok",
      message: "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are accepted by Slack",
    };
  if (error === "invalid_client_id" || error === "bad_client_secret")
    return {
      subject,
      verdict: "fail",
      message: `SLACK_CLIENT_ID or SLACK_CLIENT_SECRET was refused by Slack (${error})`,
      fix: "api.slack.com/apps → your app → Basic Information → App Credentials: copy the Client ID and Client Secret again.",
    };
  return {
    subject,
    verdict: "fail",
    message: `unexpected answer from oauth.v2.access (HTTP ${reply.status}): ${error ?? excerpt(reply.text)}`,
    fix: "Try again in a minute; if it persists, check https://status.slack.com.",
  };
}

/**
 * Slack Socket Mode: apps.connections.open with the app-level token. It only hands out a WebSocket
 * URL, which is never opened here (it expires unused); nothing changes.
 */
export async function checkSlackAppToken(appToken: string, apiUrl: string): Promise<Finding> {
  const subject = "Slack";
  const reply = await probe(`${apiUrl.replace(/\/+$/u, "")}/apps.connections.open`, {
    method: "POST",
    headers: { Authorization: `Bearer ${appToken}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: "",
  });
  if (!reply.ok) return unreachable(subject, apiUrl, "SLACK_API_URL", reply.reason);
  const answer = slackAnswer.safeParse(reply.json);
  if (answer.success && answer.data.ok)
    return { subject, verdict: "ok", message: "SLACK_APP_TOKEN works: Socket Mode can connect" };
  const error = answer.success ? (answer.data.error ?? "unknown error") : `HTTP ${reply.status}`;
  return {
    subject,
    verdict: "fail",
    message: `SLACK_APP_TOKEN was refused by Slack (${error})`,
    fix: "api.slack.com/apps → your app → Basic Information → App-Level Tokens: generate one with connections:write, and turn on Socket Mode.",
  };
}
