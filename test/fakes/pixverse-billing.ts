// PixVerse's record of what it billed, as the fake keeps it: a `consume` entry when a video is
// submitted and a `refund` entry when it fails or is moderated (PixVerse charges nothing for a
// failed generation), read back through POST /openapi/v2/account/billing/usage-detail.
// Request fields [S: heshaojian/pixverse-api-kit src/platform/validators/specialized.js]:
// start_time and end_time as "YYYY-MM-DD HH:mm:ss" UTC, at most 30 days apart; limit 1–100;
// cursor; credits_status consume|refund; creation_type[]. Answer {items, next_cursor, has_more}
// [S: the kit's recorded answer]. The fields of each item are not in any source framecast could
// read [U]: this fake uses video_id, credits, credits_status, creation_type and create_time.

import { z } from "zod";

const UTC = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/u;
const at = z.string().regex(UTC, "must be YYYY-MM-DD HH:mm:ss (UTC)");
export const usageDetailRequest = z
  .object({
    start_time: at,
    end_time: at,
    limit: z.number().int().min(1).max(100).optional(),
    cursor: z.string().optional(),
    credits_status: z.enum(["consume", "refund"]).optional(),
    creation_type: z.array(z.string()).optional(),
  })
  .strict()
  .refine(
    (r) => Date.parse(`${r.start_time.replace(" ", "T")}Z`) <= Date.parse(`${r.end_time.replace(" ", "T")}Z`),
    {
      message: "start_time must not be later than end_time",
    },
  )
  .refine(
    (r) =>
      Date.parse(`${r.end_time.replace(" ", "T")}Z`) - Date.parse(`${r.start_time.replace(" ", "T")}Z`) <=
      30 * 86_400_000,
    { message: "the time range must not exceed 30 days" },
  );

export interface BillingEntry {
  readonly videoId: string;
  readonly credits: number;
  readonly status: "consume" | "refund";
  readonly creationType: string;
  readonly at: Date;
}

const utc = (d: Date): string => d.toISOString().slice(0, 19).replace("T", " ");

export class FakeBilling {
  readonly entries: BillingEntry[] = [];

  record(entry: BillingEntry): void {
    this.entries.push(entry);
  }

  /** Credits taken when a video is submitted through `path` (…/text|img|transition/generate). */
  consumed(videoId: string, credits: number, path: string): void {
    const kind = path.split("/")[4];
    const creationType = kind === "text" ? "text_to_video" : kind === "img" ? "image_to_video" : "transition";
    this.record({ videoId, credits, status: "consume", creationType, at: new Date() });
  }

  refunded(videoId: string, credits: number): void {
    this.record({ videoId, credits, status: "refund", creationType: "text_to_video", at: new Date() });
  }

  /** The usage-detail answer (`Resp`, raw JSON), or PixVerse's refusal of the request. */
  answer(
    contentType: string | undefined,
    body: string,
  ): { ok: true; resp: string } | { ok: false; code: number; message: string } {
    let json: unknown;
    try {
      json = contentType === "application/json" ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const checked = usageDetailRequest.safeParse(json);
    if (!checked.success)
      return {
        ok: false,
        code: 400017,
        message: `invalid param: ${checked.error.issues[0]?.message ?? "body"}`,
      };
    return { ok: true, resp: this.page(checked.data) };
  }

  /** One page of entries in the request's window, as raw JSON (ids as exact int64 numbers). */
  page(request: z.infer<typeof usageDetailRequest>): string {
    const from = Date.parse(`${request.start_time.replace(" ", "T")}Z`);
    const to = Date.parse(`${request.end_time.replace(" ", "T")}Z`);
    // PixVerse's times are whole seconds (create_time has no fraction): so are the comparisons.
    const second = (e: BillingEntry) => Math.floor(e.at.getTime() / 1000) * 1000;
    const inWindow = this.entries.filter(
      (e) =>
        second(e) >= from &&
        second(e) <= to &&
        (request.credits_status === undefined || e.status === request.credits_status),
    );
    const start = Number(request.cursor ?? "0");
    const limit = request.limit ?? 20;
    const items = inWindow
      .slice(start, start + limit)
      .map(
        (e) =>
          `{"video_id":${e.videoId},"credits":${e.credits},"credits_status":"${e.status}",` +
          `"creation_type":"${e.creationType}","create_time":"${utc(e.at)}"}`,
      );
    const more = start + limit < inWindow.length;
    return `{"items":[${items.join(",")}],"next_cursor":"${more ? start + limit : ""}","has_more":${more}}`;
  }
}
