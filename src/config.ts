// The only reader of process.env (and of .env). Validates everything once, at start-up, and says
// precisely which variable is wrong and what it accepts. Values of secrets are never echoed.
// What each variable accepts: config/env-schema.ts; combinations: config/rules.ts.

import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { configOf } from "./config/build.ts";
import { envSchema } from "./config/env-schema.ts";
import { discordProblems, shardProblems, slackProblems } from "./config/rules.ts";
import type { Config } from "./config/types.ts";
import { providerEnvSchema, providerSettings } from "./providers/settings.ts";

export type { Config } from "./config/types.ts";

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

export interface Environment {
  readonly env: NodeJS.ProcessEnv;
  /** The .env file read, if there was one. */
  readonly file: string | undefined;
}

/**
 * The process environment over the `.env` file in `dir` (the working directory), as Node's own
 * --env-file reads it: a variable set in the real environment wins over the file's.
 */
export function readEnvironment(dir: string = process.cwd()): Environment {
  const file = resolve(dir, ".env");
  if (!existsSync(file)) return { env: process.env, file: undefined };
  return { env: { ...parseEnv(readFileSync(file, "utf8")), ...process.env }, file };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const parsed = envSchema.safeParse(env);
  const providerEnv = providerEnvSchema.safeParse(env);
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues),
    ...(providerEnv.success ? [] : providerEnv.error.issues),
  ];
  const problems = issues.map((issue) => {
    const name = issue.path.filter((p) => typeof p === "string").join(".");
    return `${name || "environment"}: ${issue.message}`;
  });
  const providers = providerEnv.success ? providerSettings(providerEnv.data) : undefined;
  if (providers !== undefined && !providers.ok) problems.push(...providers.problems);
  if (parsed.success && parsed.data.FRAMECAST_PUBLIC_URL !== undefined && parsed.data.PORT === undefined)
    problems.push(
      "FRAMECAST_PUBLIC_URL: webhooks arrive at the bot's HTTP server, so set PORT too (e.g. PORT=8080)",
    );
  if (parsed.success)
    problems.push(
      ...slackProblems(parsed.data),
      ...shardProblems(parsed.data),
      ...discordProblems(parsed.data),
    );
  if (!parsed.success || providers === undefined || !providers.ok || problems.length > 0)
    return { ok: false, problems };
  return { ok: true, config: configOf(parsed.data, providers.settings) };
}
