// PixVerse's signed webhook deliveries, as the fake sends them (its "how to use webhook" page, as
// issue 18 quotes it): body {id, status, url, size, has_audio, credits}; headers
// Webhook-Timestamp (unix seconds), Webhook-Nonce and Webhook-Signature =
// Base64(HMAC-SHA256(secret, "{ts}\n{nonce}\n{url-encoded body}")), the body URL-encoded as
// encodeURIComponent does [S: heshaojian/pixverse-api-kit]. A delivery counts only when it is
// answered 200 with the body "ok"; PixVerse retries the others for up to 4 hours.

import { createHmac, randomUUID } from "node:crypto";

export interface DeliveryOptions {
  readonly at?: Date;
  readonly nonce?: string;
  readonly secret?: string;
  /** Changes the body after signing it. */
  readonly tamper?: boolean;
  /** The video's status in the body: 1 done (default), 7 moderated, 8 failed. */
  readonly status?: number;
}

export interface VideoFacts {
  readonly id: string;
  readonly url: string;
  readonly size: number;
  readonly hasAudio: boolean;
  readonly credits: number;
}

export function signedDelivery(
  secret: string,
  video: VideoFacts,
  options: DeliveryOptions = {},
): { body: Uint8Array; headers: Record<string, string> } {
  const status = options.status ?? 1;
  const done = status === 1;
  const body =
    `{"id":${video.id},"status":${status},"url":"${done ? video.url : ""}","size":${done ? video.size : 0},` +
    `"has_audio":${video.hasAudio},"credits":${done ? video.credits : 0}}`;
  const timestamp = String(Math.floor((options.at ?? new Date()).getTime() / 1000));
  const nonce = options.nonce ?? randomUUID().replaceAll("-", "");
  const signature = createHmac("sha256", options.secret ?? secret)
    .update(`${timestamp}\n${nonce}\n${encodeURIComponent(body)}`)
    .digest("base64");
  const sent = options.tamper === true ? `${body.replace(`"status":${status}`, '"status":1')} ` : body;
  return {
    body: new Uint8Array(Buffer.from(sent)),
    headers: { "Webhook-Timestamp": timestamp, "Webhook-Nonce": nonce, "Webhook-Signature": signature },
  };
}

/** POSTs a delivery to `url`; `accepted` only for `200 ok`. */
export async function deliver(
  url: string,
  delivery: { body: Uint8Array; headers: Record<string, string> },
): Promise<{ status: number; text: string; accepted: boolean }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...delivery.headers },
    body: delivery.body,
  });
  const text = await res.text();
  return { status: res.status, text, accepted: res.status === 200 && text === "ok" };
}
