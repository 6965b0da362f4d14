// PixVerse's own record of an account's spending, for `framecast usage --provider`:
//  - GET /openapi/v2/account/balance → {account_id, credit_monthly, credit_package} [S:
//    heshaojian/pixverse-api-kit's recorded answers; reference/providers.md §1 "Other endpoints"];
//  - POST /openapi/v2/account/billing/usage-detail with start_time/end_time ("YYYY-MM-DD HH:mm:ss",
//    UTC, at most 30 days apart), limit (1–100) and cursor → {items, next_cursor, has_more} [S: the
//    kit's validator and recorded answers; docs.platform.pixverse.ai/usage-deduction-query-41209884e0].
//    The fields of an item are undocumented in every source read [U]: each is read as the video it
//    concerns (`video_id`), its `credits`, and `credits_status` consume or refund.
//  - Credits are dollars: "$1 = 100 Credits" (docs.platform.pixverse.ai/model-pricing-796039m0).

import { z } from "zod";
import type { ProviderRecord } from "../../app/usage/reconcile.ts";
import { DEFAULT_HTTP_POLICY, type HttpPolicy } from "../http.ts";
import { unexpectedAnswer } from "../json.ts";
import { PixverseApi } from "./api.ts";

export const PIXVERSE_CENTS_PER_CREDIT = 1;
const WINDOW_MS = 30 * 86_400_000;
const MAX_PAGES = 1_000;

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/u)]).transform(String);
const balanceSchema = z.object({ credit_monthly: z.number(), credit_package: z.number() });
const pageSchema = z.object({
  items: z
    .array(
      z.object({
        video_id: id,
        credits: z.number(),
        credits_status: z.enum(["consume", "refund"]).optional(),
      }),
    )
    .default([]),
  next_cursor: z.string().optional(),
  has_more: z.boolean().optional(),
});

/** "2026-11-22 18:48:00": PixVerse's UTC timestamps. */
const utc = (d: Date): string => d.toISOString().slice(0, 19).replace("T", " ");

export class PixverseAccount {
  readonly #api: PixverseApi;

  constructor(options: { apiKey: string; baseUrl: string; http?: HttpPolicy }) {
    this.#api = new PixverseApi(options.apiKey, options.baseUrl, options.http ?? DEFAULT_HTTP_POLICY);
  }

  /** Credits left: the month's plan credits and purchased packages together. */
  async balance(): Promise<number> {
    const parsed = balanceSchema.safeParse(
      await this.#api.call("GET", "/openapi/v2/account/balance", "balance"),
    );
    if (!parsed.success) throw unexpectedAnswer("pixverse", "balance", parsed.error.message);
    return parsed.data.credit_monthly + parsed.data.credit_package;
  }

  /** Credits billed per video between two dates, refunds subtracted, read 30 days at a time. */
  async billed(since: Date, until: Date): Promise<{ videoId: string; credits: number }[]> {
    const out: { videoId: string; credits: number }[] = [];
    // Whole seconds, the last one included: PixVerse's times have no fractions.
    const last = Math.ceil(until.getTime() / 1000) * 1000;
    for (let start = Math.floor(since.getTime() / 1000) * 1000; start <= last; start += WINDOW_MS) {
      const end = Math.min(start + WINDOW_MS - 1000, last);
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const body = {
          start_time: utc(new Date(start)),
          end_time: utc(new Date(end)),
          limit: 100,
          ...(cursor === undefined ? {} : { cursor }),
        };
        const resp = await this.#api.call(
          "POST",
          "/openapi/v2/account/billing/usage-detail",
          "usage detail",
          {
            body: JSON.stringify(body),
            json: true,
          },
        );
        const parsed = pageSchema.safeParse(resp);
        if (!parsed.success) throw unexpectedAnswer("pixverse", "usage detail", parsed.error.message);
        for (const item of parsed.data.items)
          out.push({
            videoId: item.video_id,
            credits: item.credits_status === "refund" ? -item.credits : item.credits,
          });
        cursor = parsed.data.next_cursor;
        if (parsed.data.has_more !== true || cursor === undefined || cursor === "") break;
      }
    }
    return out;
  }

  async record(since: Date, until: Date): Promise<ProviderRecord> {
    return {
      centsPerCredit: PIXVERSE_CENTS_PER_CREDIT,
      balanceCredits: await this.balance(),
      billed: await this.billed(since, until),
    };
  }
}
