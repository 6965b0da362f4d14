// `framecast doctor`: configuration, database, every configured token and key, ffmpeg; each
// problem with what to do about it. Prints no secret: every line is scrubbed of their values.

import { type Config, loadConfig } from "../../config.ts";
import { redactText } from "../../log/redact.ts";
import { secretValues } from "../../log/secrets.ts";
import { type Finding, formatFindings } from "./findings.ts";
import { checkDiscord, checkSlack, checkSlackAppToken, checkSlackOauth } from "./platforms.ts";
import { checkProviders } from "./providers.ts";
import { checkDatabase, checkTools } from "./system.ts";

export interface DoctorChecks {
  readonly database: (config: Config) => Promise<Finding>;
}

/** Runs every check; resolves with the exit code (1 when anything failed). */
export async function runDoctor(
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
  checks: DoctorChecks = { database: checkDatabase },
  envFile?: { readonly file: string | undefined; readonly dir: string },
): Promise<number> {
  const loaded = loadConfig(env);
  const settings: Finding[] =
    envFile === undefined
      ? []
      : [
          envFile.file === undefined
            ? {
                subject: "settings",
                verdict: "ok",
                message: `from the environment only (no .env in ${envFile.dir})`,
              }
            : {
                subject: "settings",
                verdict: "ok",
                message: `read ${envFile.file} (a variable set in the environment wins over it)`,
              },
        ];
  if (!loaded.ok) {
    const findings = [
      ...settings,
      ...loaded.problems.map(
        (problem): Finding => ({ subject: "configuration", verdict: "fail", message: problem }),
      ),
    ];
    findings.push({
      subject: "configuration",
      verdict: "note",
      message: "nothing else was checked",
      fix: "Fix the settings above (.env.example lists every one), then run framecast doctor again.",
    });
    out(formatFindings(findings));
    return 1;
  }
  const { config } = loaded;
  const findings = [
    ...settings,
    { subject: "configuration", verdict: "ok", message: "every setting is valid" } satisfies Finding,
    ...unconfigured(config),
    ...(
      await Promise.all([
        checks.database(config),
        ...platformChecks(config),
        checkProviders(config.providers),
        checkTools(config, env.PATH),
      ])
    ).flat(),
  ];
  out(redactText(formatFindings(findings), secretValues(config)));
  return findings.some((f) => f.verdict === "fail") ? 1 : 0;
}

export function platformChecks(config: Config): Promise<Finding>[] {
  const { botToken, oauth, apiUrl, appToken } = config.slack;
  return [
    ...(config.discord.token === undefined
      ? []
      : [checkDiscord(config.discord.token, config.discord.apiUrl)]),
    ...(botToken === undefined ? [] : [checkSlack(botToken, apiUrl, "SLACK_BOT_TOKEN")]),
    ...(appToken === undefined ? [] : [checkSlackAppToken(appToken, apiUrl)]),
    ...(oauth === undefined ? [] : [checkSlackOauth(oauth.clientId, oauth.clientSecret, apiUrl)]),
  ];
}

/** What is not set up yet, and how to set it up. Not a failure: the console works with nothing. */
function unconfigured(config: Config): Finding[] {
  const notes: Finding[] = [];
  if (
    config.discord.token === undefined &&
    config.slack.botToken === undefined &&
    config.slack.oauth === undefined
  )
    notes.push({
      subject: "chat platforms",
      verdict: "note",
      message: "none configured: framecast start runs the console chat in this terminal",
      fix: [
        "Discord: set DISCORD_TOKEN (Developer Portal → your application → Bot → Reset Token), then run framecast register-commands.",
        "Slack: create the app from the README's manifest, then set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or with SLACK_SIGNING_SECRET and PORT (HTTP mode); for several workspaces, SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET instead of the bot token.",
      ].join("\n"),
    });
  if (config.providers.order.every((id) => id === "preview"))
    notes.push({
      subject: "video providers",
      verdict: "note",
      message: "no provider key set: videos are offline placeholders from the preview provider",
      fix: "Set PIXVERSE_API_KEY (or FAL_KEY, REPLICATE_API_TOKEN, RUNWARE_API_KEY, CLOUDFLARE_ACCOUNT_ID with CLOUDFLARE_API_TOKEN, LUMENFALL_API_KEY, AIGATEWAY_API_KEY); FRAMECAST_PROVIDER picks one when several are set.",
    });
  if (config.port === undefined)
    notes.push({
      subject: "HTTP server",
      verdict: "note",
      message: "PORT is not set: no /healthz, /readyz, /metrics or provider webhooks",
      fix: "Set PORT (e.g. 8080) to run them.",
    });
  return notes;
}
