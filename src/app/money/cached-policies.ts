import type { QuotaPolicy, Requester } from "../../core/quota/policy.ts";
import type { PolicyStore } from "./ports.ts";

/**
 * Keeps each workspace's policies for `ttlMs`, so a reservation costs no policy query. Changes
 * made through this instance apply at once; other instances see them within `ttlMs`.
 */
export class CachedPolicyStore implements PolicyStore {
  readonly #inner: PolicyStore;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, { at: number; policies: Promise<QuotaPolicy[]> }>();

  constructor(inner: PolicyStore, ttlMs: number, now: () => number = Date.now) {
    this.#inner = inner;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  policiesFor(requester: Requester): Promise<QuotaPolicy[]> {
    return this.listPolicies(requester.platform, requester.workspaceId);
  }

  listPolicies(platform: string, workspaceId: string): Promise<QuotaPolicy[]> {
    const key = `${platform}\u0000${workspaceId}`;
    const hit = this.#cache.get(key);
    if (hit !== undefined && this.#now() - hit.at < this.#ttlMs) return hit.policies;
    const policies = this.#inner.listPolicies(platform, workspaceId);
    this.#cache.set(key, { at: this.#now(), policies });
    policies.catch(() => this.#cache.delete(key));
    return policies;
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
