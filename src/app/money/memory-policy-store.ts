// PolicyStore in memory: the twin of SqlPolicyStore for the console's fast tests and use-case
// tests. test/contract/policy-store.test.ts runs the same cases against both.

import type { QuotaPolicy, Requester } from "../../core/quota/policy.ts";
import type { PolicyStore } from "./ports.ts";

interface Stored {
  readonly platform: string;
  readonly policy: QuotaPolicy;
}

/** Global policies apply to every platform: stored with platform "" and workspace "". */
const keyOf = (platform: string, p: Omit<QuotaPolicy, "limits">): string =>
  p.scope === "global"
    ? JSON.stringify(["", "global", "", p.subjectId, p.period])
    : JSON.stringify([platform, p.scope, p.workspaceId, p.subjectId, p.period]);

/** The SQL store's listing order: scope, then subject, then period. */
const byListing = (a: QuotaPolicy, b: QuotaPolicy): number =>
  a.scope.localeCompare(b.scope) ||
  a.subjectId.localeCompare(b.subjectId) ||
  a.period.localeCompare(b.period);

export class MemoryPolicyStore implements PolicyStore {
  readonly #policies = new Map<string, Stored>();

  async policiesFor(r: Requester): Promise<QuotaPolicy[]> {
    return this.#all()
      .filter(({ platform, policy: p }) => {
        if (p.scope === "global") return true;
        if (platform !== r.platform || p.workspaceId !== r.workspaceId) return false;
        if (p.scope === "workspace") return true;
        if (p.scope === "channel") return p.subjectId === r.channelId;
        if (p.scope === "user") return p.subjectId === r.userId || p.subjectId === "";
        return r.roles.includes(p.subjectId);
      })
      .map((s) => s.policy);
  }

  async listPolicies(platform: string, workspaceId: string): Promise<QuotaPolicy[]> {
    return this.#all()
      .filter(
        (s) =>
          s.policy.scope === "global" || (s.platform === platform && s.policy.workspaceId === workspaceId),
      )
      .map((s) => s.policy)
      .sort(byListing);
  }

  async setPolicy(platform: string, policy: QuotaPolicy, _updatedBy: string): Promise<void> {
    const stored = policy.scope === "global" ? { ...policy, workspaceId: "" } : policy;
    this.#policies.set(keyOf(platform, policy), {
      platform: policy.scope === "global" ? "" : platform,
      policy: stored,
    });
  }

  async clearPolicy(platform: string, policy: Omit<QuotaPolicy, "limits">): Promise<boolean> {
    return this.#policies.delete(keyOf(platform, policy));
  }

  #all(): Stored[] {
    return [...this.#policies.values()];
  }
}
