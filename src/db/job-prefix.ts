import { and, desc, eq, like } from "drizzle-orm";
import type { Db } from "./client.ts";
import { jobs } from "./schema/jobs.ts";

/** Ids of jobs in a workspace that start with `prefix` (a short id someone typed), newest first. */
export async function idsStartingWith(
  db: Db,
  where: { platform: string; workspaceId: string },
  prefix: string,
  limit: number,
): Promise<string[]> {
  // LIKE's own characters (% _ \) in the prefix match themselves only.
  const escaped = prefix.replace(/[%_\\]/gu, (c) => `\\${c}`);
  const rows = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.platform, where.platform),
        eq(jobs.workspaceId, where.workspaceId),
        like(jobs.id, `${escaped}%`),
      ),
    )
    // Jobs made in the same instant (PGlite's clock is coarse) in one order every time, as recentFor.
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(limit);
  return rows.map((r) => r.id);
}
