import type { WorkspaceSettings } from "../../core/settings.ts";

export type SettingsPatch = Partial<{ -readonly [K in keyof WorkspaceSettings]: WorkspaceSettings[K] }>;

/** Per-workspace settings; a workspace nobody configured reads as DEFAULT_SETTINGS. */
export interface SettingsStore {
  get(platform: string, workspaceId: string): Promise<WorkspaceSettings>;
  /** Applies `change` to the current settings atomically and returns the result. */
  update(
    platform: string,
    workspaceId: string,
    change: (current: WorkspaceSettings) => SettingsPatch,
  ): Promise<WorkspaceSettings>;
}
