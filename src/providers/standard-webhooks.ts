// Standard Webhooks signatures (used by Replicate, and by OpenAI-style platforms): headers
// webhook-id, webhook-timestamp (unix seconds) and webhook-signature (space-separated
// "v1,<base64>" entries); HMAC-SHA256 over `${id}.${timestamp}.${body}` keyed with the base64
// part of a `whsec_…` secret. Any matching entry verifies; ±300 s of clock tolerance.

import { createHmac, timingSafeEqual } from "node:crypto";
import type { WebhookHeaders } from "../app/generation/ports.ts";

export const STANDARD_WEBHOOK_TOLERANCE_S = 300;

export type StandardVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: "bad_signature" | "stale" | "malformed" };

export function verifyStandardWebhook(
  secret: string,
  body: Uint8Array,
  headers: WebhookHeaders,
  now: Date,
): StandardVerdict {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (!id || !timestamp || !signatures || !/^\d+$/u.test(timestamp))
    return { ok: false, reason: "malformed" };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > STANDARD_WEBHOOK_TOLERANCE_S)
    return { ok: false, reason: "stale" };
  const key = Buffer.from(secret.replace(/^whsec_/u, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest();
  const matches = signatures.split(" ").some((entry) => {
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || value === undefined) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: "bad_signature" };
}

/** Signs like the sender does (for fakes and tests). */
export function signStandardWebhook(secret: string, id: string, timestamp: number, body: Uint8Array): string {
  const key = Buffer.from(secret.replace(/^whsec_/u, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest("base64")}`;
}
