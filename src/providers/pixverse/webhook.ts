// PixVerse's webhook deliveries (docs.platform.pixverse.ai "how to use webhook", as issue 18 quotes
// it; the URL and secret are set in PixVerse's platform console, not per request [U]):
//  - headers Webhook-Timestamp, Webhook-Nonce, Webhook-Signature;
//  - signature = Base64(HMAC-SHA256(secret, "{timestamp}\n{nonce}\n{url-encoded raw body}")), the
//    body URL-encoded as encodeURIComponent does (heshaojian/pixverse-api-kit
//    src/platform/webhooks.js, which also accepts timestamps in seconds or milliseconds) [S];
//  - body {id, status, url, size, has_audio, credits}; answered `200 ok`, else retried for up to
//    4 hours.
// A delivery older or newer than 5 minutes is refused, and its nonce is the delivery's id, so the
// server ignores a replay of it.

import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { ProviderStatus, WebhookHeaders, WebhookResult } from "../../app/generation/ports.ts";
import { parseJsonExact } from "../json.ts";

export const WEBHOOK_WINDOW_MS = 5 * 60_000;

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/u)]).transform(String);
export const webhookSchema = z.object({
  id,
  status: z.number().int(),
  url: z.string().optional(),
  size: z.number().optional(),
  has_audio: z.boolean().optional(),
  credits: z.number().optional(),
});
export type PixverseWebhook = z.infer<typeof webhookSchema>;

type Verified = { ok: true; nonce: string; payload: PixverseWebhook } | Extract<WebhookResult, { ok: false }>;

/** "1786630000" (seconds) or "1786630000000" (milliseconds) → milliseconds; undefined if neither. */
function timestampMs(value: string): number | undefined {
  if (!/^\d{1,13}$/u.test(value)) return undefined;
  const n = Number(value);
  return n >= 100_000_000_000 ? n : n * 1000;
}

export function signPixverse(secret: string, timestamp: string, nonce: string, body: string): string {
  return createHmac("sha256", secret)
    .update(`${timestamp}\n${nonce}\n${encodeURIComponent(body)}`)
    .digest("base64");
}

export function verifyPixverseWebhook(
  secret: string,
  body: Uint8Array,
  headers: WebhookHeaders,
  now: Date,
): Verified {
  const timestamp = headers["webhook-timestamp"];
  const nonce = headers["webhook-nonce"];
  const signature = headers["webhook-signature"];
  if (timestamp === undefined || nonce === undefined || signature === undefined || nonce.length > 256)
    return { ok: false, reason: "bad_signature" };
  const at = timestampMs(timestamp);
  if (at === undefined) return { ok: false, reason: "bad_signature" };
  const text = Buffer.from(body).toString("utf8");
  let expected: string;
  try {
    expected = signPixverse(secret, timestamp, nonce, text);
  } catch {
    return { ok: false, reason: "malformed" }; // encodeURIComponent refuses lone surrogates
  }
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected)))
    return { ok: false, reason: "bad_signature" };
  if (Math.abs(now.getTime() - at) > WEBHOOK_WINDOW_MS) return { ok: false, reason: "stale" };
  let json: unknown;
  try {
    json = parseJsonExact(text);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const payload = webhookSchema.safeParse(json);
  return payload.success ? { ok: true, nonce, payload: payload.data } : { ok: false, reason: "malformed" };
}

/** What the delivery says (the engine asks PixVerse itself before acting on it). */
export function webhookStatus(p: PixverseWebhook): ProviderStatus {
  switch (p.status) {
    case 1:
      return p.url === undefined || p.url === ""
        ? { state: "running" }
        : { state: "succeeded", videoUrl: p.url };
    case 7:
      return { state: "moderated", message: "PixVerse's content moderation rejected this video." };
    case 6:
    case 8:
      return {
        state: "failed",
        code: `pixverse_status_${p.status}`,
        message: "PixVerse ended this video.",
        retryable: false,
      };
    default:
      return { state: "running" };
  }
}
