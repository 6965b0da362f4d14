import type { WorkspaceSettings } from "../../core/settings.ts";
import type { SettingsPatch, SettingsStore } from "./ports.ts";

/**
 * Keeps each workspace's settings for `ttlMs`: every /video reads them (defaults, channel and word
 * policy), so a command costs no settings query. Changes made through this instance apply at once;
 * other instances see them within `ttlMs`.
 */
export class CachedSettingsStore implements SettingsStore {
  readonly #inner: SettingsStore;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, { at: number; settings: Promise<WorkspaceSettings> }>();

  constructor(inner: SettingsStore, ttlMs: number, now: () => number = Date.now) {
    this.#inner = inner;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  get(platform: string, workspaceId: string): Promise<WorkspaceSettings> {
    const key = `${platform}\u0000${workspaceId}`;
    const hit = this.#cache.get(key);
    if (hit !== undefined && this.#now() - hit.at < this.#ttlMs) return hit.settings;
    const settings = this.#inner.get(platform, workspaceId);
    this.#cache.set(key, { at: this.#now(), settings });
    settings.catch(() => this.#cache.delete(key));
    return settings;
  }

  async update(
    platform: string,
    workspaceId: string,
    change: (current: WorkspaceSettings) => SettingsPatch,
  ): Promise<WorkspaceSettings> {
    const key = `${platform}\u0000${workspaceId}`;
    this.#cache.delete(key);
    const updated = await this.#inner.update(platform, workspaceId, change);
    this.#cache.set(key, { at: this.#now(), settings: Promise.resolve(updated) });
    return updated;
  }
}
