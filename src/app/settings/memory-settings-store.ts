// SettingsStore in memory: the twin of SqlSettingsStore. Updates apply one after another, as the
// SQL store's row lock makes them. test/contract/settings-store.test.ts runs both.

import { DEFAULT_SETTINGS, type WorkspaceSettings } from "../../core/settings.ts";
import type { SettingsPatch, SettingsStore } from "./ports.ts";

export class MemorySettingsStore implements SettingsStore {
  readonly #settings = new Map<string, WorkspaceSettings>();

  async get(platform: string, workspaceId: string): Promise<WorkspaceSettings> {
    return this.#settings.get(JSON.stringify([platform, workspaceId])) ?? DEFAULT_SETTINGS;
  }

  async update(
    platform: string,
    workspaceId: string,
    change: (current: WorkspaceSettings) => SettingsPatch,
  ): Promise<WorkspaceSettings> {
    const key = JSON.stringify([platform, workspaceId]);
    const current = this.#settings.get(key) ?? DEFAULT_SETTINGS;
    const next: WorkspaceSettings = { ...current, ...change(current) };
    this.#settings.set(key, next);
    return next;
  }
}
