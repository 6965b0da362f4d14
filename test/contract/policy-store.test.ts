import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MemoryPolicyStore } from "../../src/app/money/memory-policy-store.ts";
import type { PolicyStore } from "../../src/app/money/ports.ts";
import type { QuotaPolicy, Requester } from "../../src/core/quota/policy.ts";
import { SqlPolicyStore } from "../../src/db/policy-store.ts";
import { useTestDatabase } from "../support/database.ts";

// The same cases against the SQL store and its memory twin, so the twin can't drift.

const database = useTestDatabase();
const implementations: [string, () => PolicyStore][] = [
  ["SQL", () => new SqlPolicyStore(database().db)],
  ["memory", () => new MemoryPolicyStore()],
];

/** A workspace of its own per test: the SQL store's database is shared by the file. */
const workspace = (): string => `W${randomBytes(4).toString("hex")}`;
const limits = (videos: number | null) => ({ videos, seconds: null, credits: null });
const policy = (p: Partial<QuotaPolicy> & Pick<QuotaPolicy, "scope" | "workspaceId">): QuotaPolicy => ({
  subjectId: "",
  period: "day",
  limits: limits(3),
  ...p,
});

describe.each(implementations)("PolicyStore contract: %s", (_name, make) => {
  it("GIVEN policies of every scope THEN policiesFor returns those that apply to the requester", async () => {
    const store = make();
    const w = workspace();
    const other = workspace();
    const applies = [
      policy({ scope: "workspace", workspaceId: w }),
      policy({ scope: "channel", workspaceId: w, subjectId: "C1" }),
      policy({ scope: "user", workspaceId: w, subjectId: "U1" }),
      policy({ scope: "user", workspaceId: w, subjectId: "" }),
      policy({ scope: "role", workspaceId: w, subjectId: "R1" }),
    ];
    const doesNot = [
      policy({ scope: "channel", workspaceId: w, subjectId: "C2" }),
      policy({ scope: "user", workspaceId: w, subjectId: "U2" }),
      policy({ scope: "role", workspaceId: w, subjectId: "R2" }),
      policy({ scope: "workspace", workspaceId: other }),
    ];
    for (const p of [...applies, ...doesNot]) await store.setPolicy("discord", p, "admin");
    await store.setPolicy("slack", policy({ scope: "workspace", workspaceId: w }), "admin");
    const requester: Requester = {
      platform: "discord",
      workspaceId: w,
      channelId: "C1",
      userId: "U1",
      roles: ["R1"],
    };
    const found = (await store.policiesFor(requester)).filter((p) => p.scope !== "global");
    expect(found).toHaveLength(applies.length);
    expect(found).toEqual(expect.arrayContaining(applies));
  });

  it("GIVEN a policy set twice THEN the second replaces the first; clear removes it once", async () => {
    const store = make();
    const w = workspace();
    await store.setPolicy("slack", policy({ scope: "workspace", workspaceId: w, limits: limits(3) }), "a");
    await store.setPolicy("slack", policy({ scope: "workspace", workspaceId: w, limits: limits(7) }), "b");
    expect(await store.listPolicies("slack", w)).toEqual(
      expect.arrayContaining([policy({ scope: "workspace", workspaceId: w, limits: limits(7) })]),
    );
    const key = { scope: "workspace" as const, workspaceId: w, subjectId: "", period: "day" as const };
    expect(await store.clearPolicy("slack", key)).toBe(true);
    expect(await store.clearPolicy("slack", key)).toBe(false);
    expect((await store.listPolicies("slack", w)).filter((p) => p.scope !== "global")).toEqual([]);
  });

  it("GIVEN a global policy THEN it applies on every platform and workspace, and lists beside each workspace's", async () => {
    const store = make();
    const w = workspace();
    const global = policy({ scope: "global", workspaceId: "", period: "month", limits: limits(100) });
    await store.setPolicy("discord", global, "operator");
    await store.setPolicy("slack", policy({ scope: "user", workspaceId: w, subjectId: "U9" }), "admin");
    try {
      const requester: Requester = {
        platform: "slack",
        workspaceId: w,
        channelId: "C",
        userId: "U9",
        roles: [],
      };
      expect(await store.policiesFor(requester)).toEqual(expect.arrayContaining([global]));
      const listed = await store.listPolicies("slack", w);
      expect(listed.map((p) => p.scope)).toEqual(["global", "user"]);
    } finally {
      expect(await store.clearPolicy("slack", global)).toBe(true);
    }
  });
});
