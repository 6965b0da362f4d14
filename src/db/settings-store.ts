import { and, eq } from "drizzle-orm";
import type { SettingsPatch, SettingsStore } from "../app/settings/ports.ts";
import { DEFAULT_SETTINGS, type WorkspaceSettings } from "../core/settings.ts";
import type { Db } from "./client.ts";
import { workspaceSettings } from "./schema/workspace-settings.ts";

type Row = typeof workspaceSettings.$inferSelect;

const toSettings = (r: Row | undefined): WorkspaceSettings =>
  r === undefined
    ? DEFAULT_SETTINGS
    : {
        allowedChannels: r.allowedChannels,
        blockedWords: r.blockedWords,
        admins: r.admins,
        maxConcurrentPerUser: r.maxConcurrentPerUser,
        maxConcurrentPerWorkspace: r.maxConcurrentPerWorkspace,
        defaultModel: r.defaultModel,
        defaultQuality: r.defaultQuality,
        maxChainSeconds: r.maxChainSeconds,
        allowedModels: r.allowedModels,
        maxQuality: r.maxQuality,
      };

export class SqlSettingsStore implements SettingsStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async get(platform: string, workspaceId: string): Promise<WorkspaceSettings> {
    const w = workspaceSettings;
    const [row] = await this.#db
      .select()
      .from(w)
      .where(and(eq(w.platform, platform), eq(w.workspaceId, workspaceId)));
    return toSettings(row);
  }

  update(
    platform: string,
    workspaceId: string,
    change: (current: WorkspaceSettings) => SettingsPatch,
  ): Promise<WorkspaceSettings> {
    const w = workspaceSettings;
    return this.#db.transaction(async (tx) => {
      // Create the row if needed, then lock it, so concurrent admin edits apply one after another.
      await tx.insert(w).values({ platform, workspaceId }).onConflictDoNothing();
      const [row] = await tx
        .select()
        .from(w)
        .where(and(eq(w.platform, platform), eq(w.workspaceId, workspaceId)))
        .for("update");
      const next: WorkspaceSettings = { ...toSettings(row), ...change(toSettings(row)) };
      await tx
        .update(w)
        .set({
          allowedChannels: [...next.allowedChannels],
          blockedWords: [...next.blockedWords],
          admins: [...next.admins],
          maxConcurrentPerUser: next.maxConcurrentPerUser,
          maxConcurrentPerWorkspace: next.maxConcurrentPerWorkspace,
          defaultModel: next.defaultModel,
          defaultQuality: next.defaultQuality,
          maxChainSeconds: next.maxChainSeconds,
          allowedModels: [...next.allowedModels],
          maxQuality: next.maxQuality,
          updatedAt: new Date(),
        })
        .where(and(eq(w.platform, platform), eq(w.workspaceId, workspaceId)));
      return next;
    });
  }
}
