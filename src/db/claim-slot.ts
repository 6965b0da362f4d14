// Claiming a concurrency slot for a queued job: one call to framecast_claim_slot
// (src/db/migrations/0007_one_round_trip.sql), one atomic step, so two instances (or workers)
// claiming at once cannot both take the last slot. The schema's slot lock is held only while the
// function runs on the server, never across a round trip to a busy client.

import { sql } from "drizzle-orm";
import type { ConcurrencyCaps } from "../app/jobs/ports.ts";
import type { Db } from "./client.ts";
import { rowsOf, withRetry } from "./sql.ts";

type Claim = "claimed" | "busy" | "not_queued";
const CLAIMS: readonly string[] = ["claimed", "busy", "not_queued"] satisfies Claim[];

/**
 * Moves a queued job to `submitting` if the caps leave room for it (the workspace's own caps, set
 * by its admins, override the defaults in `caps`).
 */
export async function claimSlot(db: Db, id: string, caps: ConcurrencyCaps, startedAt: Date): Promise<Claim> {
  const [row] = rowsOf<{ claim: string }>(
    await withRetry(() =>
      db.execute(sql`
        SELECT framecast_claim_slot(${id}, ${caps.perUser}::integer, ${caps.perWorkspace}::integer,
                                    ${caps.global}::integer, ${startedAt.toISOString()}::timestamptz) AS claim`),
    ),
  );
  const claim = row?.claim ?? "";
  if (!CLAIMS.includes(claim)) throw new Error(`framecast_claim_slot answered ${JSON.stringify(claim)}`);
  return claim as Claim;
}
