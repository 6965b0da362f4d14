// fal webhook signatures (reference/providers.md §2): Ed25519 over
//   `${request id}\n${user id}\n${timestamp}\n${sha256 hex of the raw body}`
// with the headers X-Fal-Webhook-Request-Id, -User-Id, -Timestamp (unix seconds) and -Signature
// (hex); any key of fal's JWKS that verifies is accepted; ±300 s of clock tolerance.

import { createHash, createPublicKey, type JsonWebKey, verify } from "node:crypto";
import { z } from "zod";
import type { WebhookHeaders } from "../../app/generation/ports.ts";
import { type FalWebhook, webhookSchema } from "./schemas.ts";

export const FAL_WEBHOOK_TOLERANCE_S = 300;

/** fal's signing keys (from its JWKS URL in production; injected in tests). */
export interface FalKeys {
  keys(): Promise<readonly JsonWebKey[]>;
}

const jwksSchema = z.object({
  keys: z.array(
    z.object({ kty: z.string(), crv: z.string().optional(), x: z.string().optional() }).passthrough(),
  ),
});

/** Reads a JWKS over HTTP, keeping it for `ttlMs`. */
export function jwksFromUrl(
  url: string,
  ttlMs = 3_600_000,
  fetchJson: (url: string) => Promise<unknown> = defaultFetch,
): FalKeys {
  let cached: { at: number; keys: JsonWebKey[] } | undefined;
  return {
    async keys() {
      if (cached !== undefined && Date.now() - cached.at < ttlMs) return cached.keys;
      const parsed = jwksSchema.parse(await fetchJson(url));
      cached = {
        at: Date.now(),
        keys: parsed.keys.filter((k) => k.kty === "OKP" && k.crv === "Ed25519") as JsonWebKey[],
      };
      return cached.keys;
    },
  };
}

async function defaultFetch(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`JWKS ${url} answered HTTP ${res.status}`);
  return res.json();
}

export type VerifiedWebhook =
  | { readonly ok: true; readonly payload: FalWebhook }
  | { readonly ok: false; readonly reason: "bad_signature" | "stale" | "malformed" };

export async function verifyFalWebhook(
  keys: FalKeys,
  body: Uint8Array,
  headers: WebhookHeaders,
  now: Date,
): Promise<VerifiedWebhook> {
  const requestId = headers["x-fal-webhook-request-id"];
  const userId = headers["x-fal-webhook-user-id"];
  const timestamp = headers["x-fal-webhook-timestamp"];
  const signature = headers["x-fal-webhook-signature"];
  if (
    !requestId ||
    !userId ||
    !timestamp ||
    !signature ||
    !/^[0-9a-f]+$/iu.test(signature) ||
    !/^\d+$/u.test(timestamp)
  ) {
    return { ok: false, reason: "malformed" };
  }
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > FAL_WEBHOOK_TOLERANCE_S)
    return { ok: false, reason: "stale" };
  const digest = createHash("sha256").update(body).digest("hex");
  const message = Buffer.from(`${requestId}\n${userId}\n${timestamp}\n${digest}`);
  const sig = Buffer.from(signature, "hex");
  const verified = (await keys.keys()).some((jwk) => {
    try {
      return verify(null, message, createPublicKey({ key: jwk, format: "jwk" }), sig);
    } catch {
      return false;
    }
  });
  if (!verified) return { ok: false, reason: "bad_signature" };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body).toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const parsed = webhookSchema.safeParse(json);
  if (!parsed.success || parsed.data.request_id !== requestId) return { ok: false, reason: "malformed" };
  return { ok: true, payload: parsed.data };
}
