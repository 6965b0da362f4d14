import { and, eq, inArray, or } from "drizzle-orm";
import type { PolicyStore } from "../app/money/ports.ts";
import type { Period } from "../core/quota/periods.ts";
import type { QuotaPolicy, Requester, Scope } from "../core/quota/policy.ts";
import type { Db } from "./client.ts";
import { quotaPolicies } from "./schema/quota-policies.ts";

type Row = typeof quotaPolicies.$inferSelect;

const toPolicy = (r: Row): QuotaPolicy => ({
  scope: r.scope as Scope,
  workspaceId: r.workspaceId,
  subjectId: r.subjectId,
  period: r.period as Period,
  limits: { videos: r.maxVideos, seconds: r.maxSeconds, credits: r.maxCredits },
});

/** Global policies apply to every platform; they are stored with platform "". */
const platformOf = (platform: string, scope: Scope): string => (scope === "global" ? "" : platform);

export class SqlPolicyStore implements PolicyStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async policiesFor(r: Requester): Promise<QuotaPolicy[]> {
    const p = quotaPolicies;
    const rows = await this.#db
      .select()
      .from(p)
      .where(
        or(
          eq(p.scope, "global"),
          and(
            eq(p.platform, r.platform),
            eq(p.workspaceId, r.workspaceId),
            or(
              eq(p.scope, "workspace"),
              and(eq(p.scope, "channel"), eq(p.subjectId, r.channelId)),
              and(eq(p.scope, "user"), inArray(p.subjectId, [r.userId, ""])),
              r.roles.length > 0 ? and(eq(p.scope, "role"), inArray(p.subjectId, [...r.roles])) : undefined,
            ),
          ),
        ),
      );
    return rows.map(toPolicy);
  }

  async listPolicies(platform: string, workspaceId: string): Promise<QuotaPolicy[]> {
    const p = quotaPolicies;
    const rows = await this.#db
      .select()
      .from(p)
      .where(or(eq(p.scope, "global"), and(eq(p.platform, platform), eq(p.workspaceId, workspaceId))))
      .orderBy(p.scope, p.subjectId, p.period);
    return rows.map(toPolicy);
  }

  async setPolicy(platform: string, policy: QuotaPolicy, updatedBy: string): Promise<void> {
    const values = {
      scope: policy.scope,
      platform: platformOf(platform, policy.scope),
      workspaceId: policy.scope === "global" ? "" : policy.workspaceId,
      subjectId: policy.subjectId,
      period: policy.period,
      maxVideos: policy.limits.videos,
      maxSeconds: policy.limits.seconds,
      maxCredits: policy.limits.credits,
      updatedBy,
      updatedAt: new Date(),
    };
    await this.#db
      .insert(quotaPolicies)
      .values(values)
      .onConflictDoUpdate({
        target: [
          quotaPolicies.platform,
          quotaPolicies.scope,
          quotaPolicies.workspaceId,
          quotaPolicies.subjectId,
          quotaPolicies.period,
        ],
        set: {
          maxVideos: values.maxVideos,
          maxSeconds: values.maxSeconds,
          maxCredits: values.maxCredits,
          updatedBy,
          updatedAt: values.updatedAt,
        },
      });
  }

  async clearPolicy(platform: string, policy: Omit<QuotaPolicy, "limits">): Promise<boolean> {
    const p = quotaPolicies;
    const deleted = await this.#db
      .delete(p)
      .where(
        and(
          eq(p.platform, platformOf(platform, policy.scope)),
          eq(p.scope, policy.scope),
          eq(p.workspaceId, policy.scope === "global" ? "" : policy.workspaceId),
          eq(p.subjectId, policy.subjectId),
          eq(p.period, policy.period),
        ),
      )
      .returning({ id: p.id });
    return deleted.length > 0;
  }
}
