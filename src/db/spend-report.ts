// What each person has spent, read from the money tables: charged videos from the ledger's
// `charge` entries (the only record of money actually spent), refunds and open reservations beside,
// and the operator's cost (`operator` entries: videos made that no one was charged for). Videos the
// offline preview made cost nothing: they are counted apart, as previews.

import { sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import { rowsOf } from "./sql.ts";

export interface SpendRow {
  readonly platform: string;
  readonly workspaceId: string;
  readonly userId: string;
  /** The name the user had on their latest job, when a job row is left ("" otherwise). */
  readonly userName: string;
  readonly videos: number;
  readonly seconds: number;
  readonly credits: number;
  /** List price of the charged videos, as shown to the user when each was accepted. */
  readonly usdCents: number;
  /** Delivered by the offline preview provider: in none of the figures above. */
  readonly previews: number;
  readonly refunded: number;
  /** Reserved and not settled yet: videos in flight. */
  readonly open: number;
  /**
   * List price of videos the provider made (and bills) that no one was charged for, such as one
   * cancelled while the provider was starting it: the operator's cost.
   */
  readonly operatorUsdCents: number;
}

/** Per platform, workspace and user, money moved since `since`; the biggest spenders first. */
export async function readSpend(db: Db, since: Date, centsPerCredit: number): Promise<SpendRow[]> {
  const paid = sql`l.kind = 'charge' AND j.provider IS DISTINCT FROM 'preview'`;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      SELECT r.platform, r.workspace_id, r.user_id,
             coalesce((SELECT j.user_name FROM jobs j
                       WHERE j.platform = r.platform AND j.workspace_id = r.workspace_id AND j.user_id = r.user_id
                       ORDER BY j.created_at DESC LIMIT 1), '') AS user_name,
             count(*) FILTER (WHERE ${paid}) AS videos,
             coalesce(sum(l.seconds) FILTER (WHERE ${paid}), 0) AS seconds,
             coalesce(sum(l.credits) FILTER (WHERE ${paid}), 0) AS credits,
             coalesce(sum(coalesce(j.cost_usd_cents, l.credits * ${centsPerCredit}))
                      FILTER (WHERE ${paid}), 0) AS usd_cents,
             count(*) FILTER (WHERE l.kind = 'charge' AND j.provider = 'preview') AS previews,
             count(*) FILTER (WHERE l.kind = 'refund') AS refunded,
             count(*) FILTER (WHERE l.kind = 'reserve' AND r.state = 'reserved') AS open,
             coalesce(sum(coalesce(j.cost_usd_cents, l.credits * ${centsPerCredit}))
                      FILTER (WHERE l.kind = 'operator'), 0) AS operator_usd_cents
      FROM ledger l
      JOIN reservations r ON r.job_id = l.job_id
      LEFT JOIN jobs j ON j.id = l.job_id
      WHERE l.created_at >= ${since.toISOString()}::timestamptz
      GROUP BY r.platform, r.workspace_id, r.user_id
      ORDER BY usd_cents DESC, credits DESC, r.platform, r.workspace_id, r.user_id`),
  );
  return rows.map((r) => ({
    platform: String(r.platform),
    workspaceId: String(r.workspace_id),
    userId: String(r.user_id),
    userName: String(r.user_name ?? ""),
    videos: Number(r.videos),
    seconds: Number(r.seconds),
    credits: Number(r.credits),
    usdCents: Math.round(Number(r.usd_cents)),
    previews: Number(r.previews),
    refunded: Number(r.refunded),
    open: Number(r.open),
    operatorUsdCents: Math.round(Number(r.operator_usd_cents)),
  }));
}
