import { createHash } from "node:crypto";

/**
 * The job id a platform request always maps to: a name-based UUID (RFC 9562 version 5 layout, a
 * SHA-1 of the platform and its request id), so a redelivered request names the same job and its
 * second acceptance fails on the job's primary key instead of charging again.
 */
export function jobIdFor(platform: string, requestId: string): string {
  const hash = createHash("sha1").update(`framecast:${platform}:${requestId}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
