// Multi-workspace Slack (OAuth): where each workspace's bot token comes from. Installations are
// kept by the caller's records (Postgres in production: src/db/slack-installation-store.ts, which
// fits `InstallationRecords` as is); bolt stores and reads them through `installationStore`, and
// everything that talks to a workspace outside a request (job edits, uploads, file downloads)
// gets that workspace's client from `WorkspaceClients`. Enterprise Grid org-wide installs are
// stored, but jobs look tokens up by workspace: org installs aren't served yet.

import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import { WebClient, type WebClientOptions } from "@slack/web-api";
import { z } from "zod";

export interface InstallationKey {
  readonly teamId: string | undefined;
  readonly enterpriseId: string | undefined;
  readonly enterpriseInstall: boolean;
}

export interface InstallationRecords {
  save(key: InstallationKey, installation: unknown): Promise<void>;
  get(key: InstallationKey): Promise<unknown>;
  delete(key: InstallationKey): Promise<void>;
}

/** What framecast reads from a stored installation. */
const installationSchema = z.object({
  team: z.object({ id: z.string() }).optional(),
  enterprise: z.object({ id: z.string() }).optional(),
  isEnterpriseInstall: z.boolean().optional(),
  bot: z.object({ token: z.string().min(1), userId: z.string(), id: z.string() }),
});

const keyOfQuery = (q: InstallationQuery<boolean>): InstallationKey => ({
  teamId: q.teamId,
  enterpriseId: q.enterpriseId,
  enterpriseInstall: q.isEnterpriseInstall,
});

export function installationStore(records: InstallationRecords): InstallationStore {
  return {
    storeInstallation: async (installation) => {
      await records.save(
        {
          teamId: installation.team?.id,
          enterpriseId: installation.enterprise?.id,
          enterpriseInstall: installation.isEnterpriseInstall === true,
        },
        installation,
      );
    },
    fetchInstallation: async (query) => {
      const stored = await records.get(keyOfQuery(query));
      if (!installationSchema.safeParse(stored).success)
        throw new Error(
          `framecast isn't installed in ${query.teamId ?? query.enterpriseId ?? "this workspace"}`,
        );
      return stored as Installation<"v1" | "v2", boolean>;
    },
    deleteInstallation: async (query) => {
      await records.delete(keyOfQuery(query));
    },
  };
}

/** How long a workspace's client is reused before its installation is read again (reinstalls). */
export const CLIENT_CACHE_MS = 60_000;

interface Entry {
  readonly token: string;
  readonly post: WebClient;
  readonly edit: WebClient;
  readonly at: number;
}

export class WorkspaceClients {
  readonly #records: InstallationRecords;
  readonly #options: WebClientOptions;
  readonly #now: () => number;
  readonly #cache = new Map<string, Entry>();

  constructor(records: InstallationRecords, options: WebClientOptions, now: () => number = Date.now) {
    this.#records = records;
    this.#options = options;
    this.#now = now;
  }

  /** The workspace's bot token; undefined when framecast isn't installed there. Secret. */
  async token(workspaceId: string): Promise<string | undefined> {
    return (await this.#entry(workspaceId))?.token;
  }

  /** The workspace's client for posts and lookups, or (`edit`) the one for progress edits. */
  async client(workspaceId: string, use: "post" | "edit" = "post"): Promise<WebClient> {
    const entry = await this.#entry(workspaceId);
    if (entry === undefined) throw new Error(`framecast isn't installed in Slack workspace ${workspaceId}`);
    return entry[use];
  }

  async #entry(workspaceId: string): Promise<Entry | undefined> {
    const cached = this.#cache.get(workspaceId);
    if (cached !== undefined && this.#now() - cached.at < CLIENT_CACHE_MS) return cached;
    const stored = installationSchema.safeParse(
      await this.#records.get({ teamId: workspaceId, enterpriseId: undefined, enterpriseInstall: false }),
    );
    if (!stored.success) return undefined;
    const { token } = stored.data.bot;
    const same = cached?.token === token ? cached : undefined;
    const entry: Entry = {
      token,
      post: same?.post ?? new WebClient(token, this.#options),
      edit: same?.edit ?? new WebClient(token, this.#options),
      at: this.#now(),
    };
    this.#cache.set(workspaceId, entry);
    return entry;
  }
}
