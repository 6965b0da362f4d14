import type { QuotaPolicy, Requester } from "../../core/quota/policy.ts";
import { TtlCache } from "../ttl-cache.ts";
import type { PolicyStore } from "./ports.ts";

/**
 * Keeps each workspace's policies for `ttlMs`, so a reservation costs no policy query. Changes
 * made through this instance apply at once; other instances see them within `ttlMs`.
 */
export class CachedPolicyStore implements PolicyStore {
  readonly #inner: PolicyStore;
  readonly #cache: TtlCache<QuotaPolicy[]>;

  constructor(inner: PolicyStore, ttlMs: number, now: () => number = Date.now) {
    this.#inner = inner;
    this.#cache = new TtlCache(ttlMs, now);
  }

  policiesFor(requester: Requester): Promise<QuotaPolicy[]> {
    return this.listPolicies(requester.platform, requester.workspaceId);
  }

  listPolicies(platform: string, workspaceId: string): Promise<QuotaPolicy[]> {
    return this.#cache.get(`${platform}\u0000${workspaceId}`, () =>
      this.#inner.listPolicies(platform, workspaceId),
    );
  }

  async setPolicy(platform: string, policy: QuotaPolicy, updatedBy: string): Promise<void> {
    await this.#inner.setPolicy(platform, policy, updatedBy);
    this.#cache.clear();
  }

  async clearPolicy(platform: string, policy: Omit<QuotaPolicy, "limits">): Promise<boolean> {
    const cleared = await this.#inner.clearPolicy(platform, policy);
    this.#cache.clear();
    return cleared;
  }
}
