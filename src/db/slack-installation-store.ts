// Slack OAuth installations in Postgres: one JSON document per workspace (or org), written on
// install and reinstall, read on every request and every job edit of that workspace.

import { eq, sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import { slackInstallations } from "./schema/slack-installations.ts";

export interface InstallationKey {
  readonly teamId: string | undefined;
  readonly enterpriseId: string | undefined;
  /** An org-wide (Enterprise Grid) install answers for every workspace of the org. */
  readonly enterpriseInstall: boolean;
}

export const installationKey = (k: InstallationKey): string =>
  k.enterpriseInstall && k.enterpriseId !== undefined
    ? `enterprise:${k.enterpriseId}`
    : `team:${k.teamId ?? ""}`;

export class SqlSlackInstallations {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async save(key: InstallationKey, installation: unknown): Promise<void> {
    const t = slackInstallations;
    const row = {
      key: installationKey(key),
      teamId: key.teamId ?? null,
      enterpriseId: key.enterpriseId ?? null,
      installation,
    };
    await this.#db
      .insert(t)
      .values(row)
      .onConflictDoUpdate({ target: t.key, set: { ...row, updatedAt: sql`now()` } });
  }

  /** The installation document, or undefined when this workspace never installed framecast. */
  async get(key: InstallationKey): Promise<unknown> {
    const t = slackInstallations;
    const [row] = await this.#db
      .select({ installation: t.installation })
      .from(t)
      .where(eq(t.key, installationKey(key)));
    return row?.installation;
  }

  async delete(key: InstallationKey): Promise<void> {
    await this.#db.delete(slackInstallations).where(eq(slackInstallations.key, installationKey(key)));
  }
}
