// Workspace policy an admin controls, and the pure checks it implies for a /video request.

export interface WorkspaceSettings {
  /** Channels /video may be used in; empty: everywhere. */
  readonly allowedChannels: readonly string[];
  /** Lower-case words or phrases a prompt may not contain. */
  readonly blockedWords: readonly string[];
  /** User ids that may run /framecast admin here (besides platform managers and operators). */
  readonly admins: readonly string[];
  readonly maxConcurrentPerUser: number | null;
  readonly maxConcurrentPerWorkspace: number | null;
  /** Used when a request names no model / quality (as typed by an admin, validated like any option). */
  readonly defaultModel: string | null;
  readonly defaultQuality: string | null;
  /** The longest video a Continue chain may join, in seconds; null: DEFAULT_CHAIN_SECONDS. */
  readonly maxChainSeconds: number | null;
  /** Models /video may use here; empty: every model. */
  readonly allowedModels: readonly string[];
  /** The highest quality /video may ask for here; null: any. */
  readonly maxQuality: string | null;
}

export const DEFAULT_SETTINGS: WorkspaceSettings = {
  allowedChannels: [],
  blockedWords: [],
  admins: [],
  maxConcurrentPerUser: null,
  maxConcurrentPerWorkspace: null,
  defaultModel: null,
  defaultQuality: null,
  maxChainSeconds: null,
  allowedModels: [],
  maxQuality: null,
};

export type PolicyRefusal =
  | { readonly code: "channel_not_allowed"; readonly message: string }
  | { readonly code: "blocked_word"; readonly message: string };

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");

/** The blocked word or phrase `text` contains as a whole word (any case), if any. */
export function findBlockedWord(text: string, blocked: readonly string[]): string | undefined {
  const lower = text.toLowerCase();
  return blocked.find((word) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, "u").test(lower),
  );
}

/** Whether this workspace lets a request with these prompts run in this channel. */
export function checkWorkspacePolicy(
  settings: WorkspaceSettings,
  channelId: string,
  prompts: readonly (string | null)[],
): PolicyRefusal | undefined {
  if (settings.allowedChannels.length > 0 && !settings.allowedChannels.includes(channelId)) {
    return {
      code: "channel_not_allowed",
      message: `framecast isn't enabled in this channel. An admin allowed: ${settings.allowedChannels.map((c) => `#${c}`).join(", ")}.`,
    };
  }
  for (const prompt of prompts) {
    const word = prompt === null ? undefined : findBlockedWord(prompt, settings.blockedWords);
    if (word !== undefined) {
      return {
        code: "blocked_word",
        message: `This workspace doesn't allow "${word}" in prompts. Rephrase and try again; nothing was charged.`,
      };
    }
  }
  return undefined;
}
