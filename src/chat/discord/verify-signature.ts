// Discord's HTTP interactions are signed (interactions/overview.mdx "Validating Security Request
// Headers"): `X-Signature-Ed25519` is the hex Ed25519 signature of `X-Signature-Timestamp` followed
// by the raw body, made with the application's key; its public half is in the Developer Portal.
// Node's crypto verifies Ed25519 itself: the raw 32-byte key becomes a JWK (OKP, Ed25519), so no
// library is needed. A timestamp (Unix seconds) further than five minutes from our clock is
// refused as well, so a captured request can't be replayed later.

import { createPublicKey, type KeyObject, verify } from "node:crypto";

/** How far the signed timestamp may be from our clock, either way. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export type SignatureCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: "missing headers" | "bad signature" | "stale timestamp" };

/** The application's public key (64 hex characters) as a key Node can verify with. */
export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/iu.test(hex)) throw new Error("a Discord public key is 64 hex characters");
  const x = Buffer.from(hex, "hex").toString("base64url");
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" });
}

/** Checks one request's signature headers against its raw body, at `now` (ms). */
export function checkSignature(
  key: KeyObject,
  headers: { readonly signature: string | undefined; readonly timestamp: string | undefined },
  body: Uint8Array,
  now: number,
): SignatureCheck {
  const { signature, timestamp } = headers;
  if (signature === undefined || timestamp === undefined) return { ok: false, reason: "missing headers" };
  // Ed25519 signatures are 64 bytes; the timestamp is whole seconds.
  if (!/^[0-9a-f]{128}$/iu.test(signature) || !/^\d{1,12}$/u.test(timestamp))
    return { ok: false, reason: "bad signature" };
  const signed = Buffer.concat([Buffer.from(timestamp, "utf8"), body]);
  if (!verify(null, signed, key, Buffer.from(signature, "hex")))
    return { ok: false, reason: "bad signature" };
  if (Math.abs(now - Number(timestamp) * 1000) > SIGNATURE_WINDOW_MS)
    return { ok: false, reason: "stale timestamp" };
  return { ok: true };
}
