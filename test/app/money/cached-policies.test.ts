import { describe, expect, it } from "vitest";
import { CachedPolicyStore } from "../../../src/app/money/cached-policies.ts";
import type { PolicyStore } from "../../../src/app/money/ports.ts";
import type { QuotaPolicy } from "../../../src/core/quota/policy.ts";

/** An in-memory PolicyStore that counts its reads. */
class CountingStore implements PolicyStore {
  reads = 0;
  policies: QuotaPolicy[] = [];
  async policiesFor(): Promise<QuotaPolicy[]> {
    return this.listPolicies();
  }
  async listPolicies(): Promise<QuotaPolicy[]> {
    this.reads++;
    return [...this.policies];
  }
  async setPolicy(_platform: string, policy: QuotaPolicy): Promise<void> {
    this.policies.push(policy);
  }
  async clearPolicy(): Promise<boolean> {
    this.policies = [];
    return true;
  }
}

const policy: QuotaPolicy = {
  scope: "user",
  workspaceId: "w",
  subjectId: "",
  period: "day",
  limits: { videos: 3, seconds: null, credits: null },
};
const who = { platform: "discord" as const, workspaceId: "w", channelId: "c", userId: "u", roles: [] };

describe("cached policies", () => {
  it("GIVEN repeated reads within the TTL THEN one read of the store; after it, a fresh one", async () => {
    let now = 0;
    const inner = new CountingStore();
    const cached = new CachedPolicyStore(inner, 10_000, () => now);
    await cached.policiesFor(who);
    await cached.policiesFor(who);
    expect(inner.reads).toBe(1);
    now = 10_000;
    await cached.policiesFor(who);
    expect(inner.reads).toBe(2);
  });

  it("GIVEN a change through the cache THEN the next read sees it at once", async () => {
    const inner = new CountingStore();
    const cached = new CachedPolicyStore(inner, 10_000, () => 0);
    expect(await cached.policiesFor(who)).toEqual([]);
    await cached.setPolicy("discord", policy, "admin");
    expect(await cached.policiesFor(who)).toEqual([policy]);
    await cached.clearPolicy("discord", policy);
    expect(await cached.policiesFor(who)).toEqual([]);
  });

  it("GIVEN a failed read THEN it is not cached", async () => {
    let fail = true;
    const inner = new CountingStore();
    inner.listPolicies = async () => {
      inner.reads++;
      if (fail) throw new Error("database down");
      return [];
    };
    const cached = new CachedPolicyStore(inner, 10_000, () => 0);
    await expect(cached.policiesFor(who)).rejects.toThrow("database down");
    fail = false;
    await expect(cached.policiesFor(who)).resolves.toEqual([]);
    expect(inner.reads).toBe(2);
  });
});
