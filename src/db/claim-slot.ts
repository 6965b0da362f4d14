// Claiming a concurrency slot for a queued job: one atomic step, so two instances (or workers)
// claiming at once cannot both take the last slot.

import { and, eq, type SQL, sql } from "drizzle-orm";
import type { ConcurrencyCaps } from "../app/jobs/ports.ts";
import type { Db } from "./client.ts";
import { jobs } from "./schema/jobs.ts";
import { rowsOf } from "./sql.ts";

/**
 * Moves a queued job to `submitting` if the caps leave room for it (the workspace's own caps, set
 * by its admins, override the defaults in `caps`).
 */
export function claimSlot(
  db: Db,
  id: string,
  caps: ConcurrencyCaps,
  startedAt: Date,
): Promise<"claimed" | "busy" | "not_queued"> {
  return db.transaction(async (tx) => {
    // One lock per schema serialises claims (a claim is a few milliseconds), so the counts below
    // cannot change between reading them and taking the slot.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('framecast:slots:' || current_schema()))`);
    const [me] = rowsOf<{
      platform: string;
      workspace_id: string;
      user_id: string;
      user_cap: number | null;
      workspace_cap: number | null;
    }>(
      await tx.execute(sql`
        SELECT me.platform, me.workspace_id, me.user_id,
               s.max_concurrent_per_user AS user_cap, s.max_concurrent_per_workspace AS workspace_cap
        FROM jobs me
        LEFT JOIN workspace_settings s ON s.platform = me.platform AND s.workspace_id = me.workspace_id
        WHERE me.id = ${id} AND me.state = 'queued'`),
    );
    if (me === undefined) return "not_queued";
    const userCap = me.user_cap ?? caps.perUser;
    const workspaceCap = me.workspace_cap ?? caps.perWorkspace;
    // Only the counts a cap applies to are taken: without caps, claiming reads no other job. A
    // delivery that failed once (the chat refused the video) waits for its next try without a
    // slot: a job that can't progress never keeps others in line.
    const active = async (scope: SQL | undefined): Promise<number> => {
      const [n] = rowsOf<{ n: number }>(
        await tx.execute(
          sql`SELECT count(*)::int AS n FROM jobs
              WHERE (state IN ('submitting', 'running') OR (state = 'delivering' AND delivery_failures = 0)) ${
                scope === undefined ? sql`` : sql`AND ${scope}`
              }`,
        ),
      );
      return Number(n?.n ?? 0);
    };
    const inWorkspace = sql`platform = ${me.platform} AND workspace_id = ${me.workspace_id}`;
    if (
      (userCap !== null && (await active(sql`${inWorkspace} AND user_id = ${me.user_id}`)) >= userCap) ||
      (workspaceCap !== null && (await active(inWorkspace)) >= workspaceCap) ||
      (caps.global !== null && (await active(undefined)) >= caps.global)
    ) {
      return "busy";
    }
    await tx
      .update(jobs)
      .set({ state: "submitting", startedAt, updatedAt: new Date() })
      .where(and(eq(jobs.id, id), eq(jobs.state, "queued")));
    return "claimed";
  });
}
