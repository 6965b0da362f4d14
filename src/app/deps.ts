import type { ChatEvent } from "../core/chat-event.ts";
import type { Pricing } from "../core/pricing.ts";
import type { Requester } from "../core/quota/policy.ts";
import type { ChainsDeps } from "./chains/ports.ts";
import type { JobsDeps } from "./jobs/ports.ts";
import type { QuotaDeps } from "./money/quota.ts";
import type { JobMessages, Reply } from "./ports.ts";
import type { PreferencesStore } from "./preferences/ports.ts";
import type { SettingsStore } from "./settings/ports.ts";

/** Everything the chat use cases need, wired once (src/wiring/bot-deps.ts). */
export interface BotDeps {
  /** The messages jobs keep (edits of a job's message, notices about a job). */
  readonly messages: JobMessages;
  readonly pricing: Pricing;
  readonly quota: QuotaDeps;
  readonly settings: SettingsStore;
  /** Each person's own defaults (/framecast prefer). */
  readonly preferences: PreferencesStore;
  /** Every secret value of the configuration: scrubbed from whatever is shown in chat. */
  readonly secrets: readonly string[];
  /** User ids that may administer every workspace (FRAMECAST_ADMINS). */
  readonly operators: readonly string[];
  readonly concurrency: { readonly perUser: number | null; readonly perWorkspace: number | null };
  /**
   * Hosts a typed picture link may name (Discord's CDN, FRAMECAST_MEDIA_HOSTS). A picture the
   * platform delivered with the request (ChatEvent.attachedImages) needs no entry here.
   */
  readonly imageHosts: readonly string[];
  /** The job engine's entry points: accepting a video, reading jobs, the providers. */
  readonly jobs: JobsDeps;
  /** Continue chains; absent: Continue is not offered. */
  readonly chains?: ChainsDeps;
}

/** One request's use case: the shared deps and that request's answers. */
export interface RequestDeps extends BotDeps {
  readonly reply: Reply;
}

export const requesterOf = (event: ChatEvent): Requester => ({
  platform: event.conversation.platform,
  workspaceId: event.conversation.workspaceId,
  channelId: event.conversation.channelId,
  userId: event.conversation.userId,
  roles: event.roles,
});
