import type { WorkspaceSettings } from "../../core/settings.ts";
import { TtlCache } from "../ttl-cache.ts";
import type { SettingsPatch, SettingsStore } from "./ports.ts";

/**
 * Keeps each workspace's settings for `ttlMs`: every /video reads them (defaults, channel and word
 * policy), so a command costs no settings query. Changes made through this instance apply at once;
 * other instances see them within `ttlMs`.
 */
export class CachedSettingsStore implements SettingsStore {
  readonly #inner: SettingsStore;
  readonly #cache: TtlCache<WorkspaceSettings>;

  constructor(inner: SettingsStore, ttlMs: number, now: () => number = Date.now) {
    this.#inner = inner;
    this.#cache = new TtlCache(ttlMs, now);
  }

  get(platform: string, workspaceId: string): Promise<WorkspaceSettings> {
    return this.#cache.get(`${platform}\u0000${workspaceId}`, () => this.#inner.get(platform, workspaceId));
  }

  async update(
    platform: string,
    workspaceId: string,
    change: (current: WorkspaceSettings) => SettingsPatch,
  ): Promise<WorkspaceSettings> {
    const key = `${platform}\u0000${workspaceId}`;
    this.#cache.delete(key);
    const updated = await this.#inner.update(platform, workspaceId, change);
    this.#cache.set(key, updated);
    return updated;
  }
}
