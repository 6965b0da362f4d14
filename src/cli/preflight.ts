// Before `start` connects to Discord or Slack: the same harmless calls doctor makes with each
// token. A refused token or an unreachable platform is one paragraph naming the variable, what
// the platform said and what to do, and the process exits 1: never a stack trace from an SDK.

import type { Config } from "../config.ts";
import type { Finding } from "./doctor/findings.ts";
import { platformChecks } from "./doctor/run-doctor.ts";

/** Resolves with the text to print, or undefined when every configured platform answers. */
export async function preflight(config: Config): Promise<string | undefined> {
  const failed = (await Promise.all(platformChecks(config))).filter((f) => f.verdict === "fail");
  if (failed.length === 0) return undefined;
  const paragraphs = [...new Set(failed.map((f) => paragraph(f, tokenOf(config, f.subject))))];
  return `${paragraphs.join("\n\n")}\n\nRun framecast doctor to check every setting.`;
}

/** "framecast can't start on Slack: SLACK_BOT_TOKEN was refused by Slack (invalid_auth). Fix…" */
export function paragraph(finding: Finding, token: string): string {
  // Findings about a token start with its name; one about the network names the token it couldn't check.
  const message = /^[A-Z_]+ /u.test(finding.message)
    ? finding.message
    : `${token} could not be checked: ${finding.message}`;
  const fix = finding.fix === undefined ? "" : ` ${finding.fix.replace(/\n/gu, " ")}`;
  return `framecast can't start on ${finding.subject}: ${message}.${fix}`;
}

function tokenOf(config: Config, subject: string): string {
  if (subject === "Discord") return "DISCORD_TOKEN";
  if (config.slack.botToken !== undefined) return "SLACK_BOT_TOKEN";
  return "SLACK_CLIENT_ID";
}
