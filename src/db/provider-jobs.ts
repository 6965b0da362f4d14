// The jobs that reached a provider since a date, with how the ledger settled each: the
// framecast side of `framecast usage --provider`.

import { sql } from "drizzle-orm";
import type { ProviderJobRow } from "../app/usage/reconcile.ts";
import type { Db } from "./client.ts";
import { rowsOf } from "./sql.ts";

export async function readProviderJobs(db: Db, since: Date): Promise<ProviderJobRow[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      SELECT j.provider, j.provider_job_id, j.cost_usd_cents,
             bool_or(l.kind = 'charge') AS charged, bool_or(l.kind = 'refund') AS refunded
      FROM jobs j
      LEFT JOIN ledger l ON l.job_id = j.id
      WHERE j.provider IS NOT NULL AND j.provider_job_id IS NOT NULL
        AND j.created_at >= ${since.toISOString()}::timestamptz
      GROUP BY j.id, j.provider, j.provider_job_id, j.cost_usd_cents
      ORDER BY j.provider, j.provider_job_id`),
  );
  return rows.map((r) => ({
    provider: String(r.provider),
    providerJobId: String(r.provider_job_id),
    outcome: r.charged === true ? "charged" : r.refunded === true ? "refunded" : "open",
    usdCents: Number(r.cost_usd_cents),
  }));
}
