// Fetching media (input images, provider results) safely: only from allowed hosts (redirects
// included), with a size cap enforced while reading, and the content type checked. Videos stream
// to a file; nothing is held in memory beyond what is needed. Images come only over https, and no
// header with a secret is ever attached to a request that isn't https.

import { createWriteStream } from "node:fs";
import { type Readable, Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { request } from "undici";
import { hostAllowed } from "../core/hosts.ts";

export { hostAllowed };

export interface MediaPolicy {
  /** `host` or `host:port`; `*.example.com` allows its subdomains. */
  readonly allowedHosts: readonly string[];
  readonly maxBytes: number;
  readonly timeoutMs: number;
  /**
   * Extra request headers by host (matched as `allowedHosts` entries are), e.g. Slack's
   * `url_private` needs `Authorization: Bearer <bot token>`; or a function of each URL fetched
   * (redirect hops included) when they depend on more than the host (one Slack workspace's
   * token per file). Secrets: sent only where they belong, only over https, never logged.
   */
  readonly headers?: HeaderMap | ((url: URL) => Promise<Record<string, string>>);
}

export type HeaderMap = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The headers `policy` adds for `url`'s host (the first matching entry). */
export function headersFor(url: URL, headerMap: HeaderMap | undefined): Record<string, string> {
  for (const [host, headers] of Object.entries(headerMap ?? {})) {
    if (hostAllowed(url, [host])) return { ...headers };
  }
  return {};
}

export type MediaErrorCode =
  | "host_not_allowed"
  | "not_https"
  | "too_large"
  | "wrong_type"
  | "http_error"
  | "unreachable";

export class MediaFetchError extends Error {
  readonly code: MediaErrorCode;
  constructor(code: MediaErrorCode, message: string) {
    super(message);
    this.name = "MediaFetchError";
    this.code = code;
  }
}

/**
 * The hosts media may come from by default, without credentials: Discord's CDN and the providers'
 * storage. Slack's file host is not here: its files need a workspace's token, and are fetched
 * only for that workspace's own jobs (media/image-fetcher.ts).
 */
export const DEFAULT_MEDIA_HOSTS: readonly string[] = [
  "cdn.discordapp.com",
  "media.discordapp.net",
  "media.pixverse.ai",
  "*.fal.media",
  "fal.media",
  "*.fal.run",
  "replicate.delivery",
  "*.replicate.delivery",
  "vm.runware.ai",
  "im.runware.ai",
  "media.aigateway.sh",
  "*.lumenfall.ai",
];

const MAX_REDIRECTS = 3;

/** The policy's headers for `url`: none unless it is https (a secret never goes over plain http). */
async function headersOf(url: URL, policy: MediaPolicy): Promise<Record<string, string>> {
  if (url.protocol !== "https:" || policy.headers === undefined) return {};
  return typeof policy.headers === "function" ? policy.headers(url) : headersFor(url, policy.headers);
}

async function open(
  url: string,
  policy: MediaPolicy,
  accept: string,
  httpsOnly: boolean,
): Promise<{ body: Readable; mimeType: string; length: number | undefined }> {
  let current = new URL(url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (current.protocol !== "https:" && (httpsOnly || current.protocol !== "http:"))
      throw new MediaFetchError(
        "not_https",
        httpsOnly
          ? `framecast fetches pictures only over https, not ${current.protocol.replace(":", "")}.`
          : `Only http(s) links can be fetched, not ${current.protocol}`,
      );
    if (!hostAllowed(current, policy.allowedHosts))
      throw new MediaFetchError("host_not_allowed", `framecast doesn't fetch media from ${current.host}.`);
    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(current, {
        method: "GET",
        headers: { ...(await headersOf(current, policy)), accept },
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
    } catch (error) {
      throw new MediaFetchError(
        "unreachable",
        `Could not fetch ${current.host}: ${(error as { code?: string }).code ?? (error as Error).message}`,
      );
    }
    const location = res.headers.location;
    if (res.statusCode >= 300 && res.statusCode < 400 && typeof location === "string") {
      res.body.resume();
      current = new URL(location, current);
      continue;
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      res.body.resume();
      throw new MediaFetchError("http_error", `${current.host} answered HTTP ${res.statusCode}.`);
    }
    const type =
      String(res.headers["content-type"] ?? "")
        .split(";")[0]
        ?.trim()
        .toLowerCase() ?? "";
    const length = Number(res.headers["content-length"]);
    return { body: res.body, mimeType: type, length: Number.isFinite(length) ? length : undefined };
  }
  throw new MediaFetchError("http_error", "Too many redirects.");
}

/** Counts bytes as they pass and fails the stream past `max`. */
function capped(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > max)
        done(new MediaFetchError("too_large", `The file is larger than ${Math.round(max / 1_048_576)} MB.`));
      else done(null, chunk);
    },
  });
}

/** An input image, in memory (images are small): png, jpeg, webp or gif. */
export async function fetchImage(
  url: string,
  policy: MediaPolicy,
): Promise<{ bytes: Uint8Array; mimeType: string }> {
  const { body, mimeType, length } = await open(url, policy, "image/*", true);
  if (!/^image\/(png|jpeg|jpg|webp|gif)$/u.test(mimeType)) {
    body.resume();
    throw new MediaFetchError(
      "wrong_type",
      `That link is ${mimeType || "not an image"}; use a PNG, JPEG, WebP or GIF.`,
    );
  }
  if (length !== undefined && length > policy.maxBytes) {
    body.resume();
    throw new MediaFetchError(
      "too_large",
      `The image is larger than ${Math.round(policy.maxBytes / 1_048_576)} MB.`,
    );
  }
  const chunks: Buffer[] = [];
  const collect = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await pipeline(body, capped(policy.maxBytes), collect);
  return { bytes: new Uint8Array(Buffer.concat(chunks)), mimeType };
}

/** A video, streamed to `path`; returns its size. */
export async function downloadVideo(
  url: string,
  path: string,
  policy: MediaPolicy,
): Promise<{ bytes: number; mimeType: string }> {
  const { body, mimeType, length } = await open(url, policy, "video/*", false);
  if (!/^(video\/|application\/octet-stream$)/u.test(mimeType)) {
    body.resume();
    throw new MediaFetchError(
      "wrong_type",
      `The provider's result is ${mimeType || "of no type"}, not a video.`,
    );
  }
  if (length !== undefined && length > policy.maxBytes) {
    body.resume();
    throw new MediaFetchError(
      "too_large",
      `The video is larger than ${Math.round(policy.maxBytes / 1_048_576)} MB.`,
    );
  }
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _e, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(body as Readable, capped(policy.maxBytes), counter, createWriteStream(path));
  return { bytes, mimeType };
}
