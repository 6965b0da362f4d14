// Input images, for the providers: only over https; from hosts anyone may link to (the chats'
// public CDNs, FRAMECAST_MEDIA_HOSTS), without credentials; and from a chat's private file host
// (Slack's url_private) only for a job of that chat platform, with the credentials of the job's
// own workspace and of no other. Another platform's jobs don't even reach that host.

import type { FetchImage, ImageOwner } from "../app/generation/ports.ts";
import type { Platform } from "../core/chat-event.ts";
import { fetchImage, hostAllowed, type MediaPolicy } from "./fetch.ts";

/** A chat platform's private files: where they are, and how one workspace opens its own. */
export interface PrivateFiles {
  readonly platform: Platform;
  readonly hosts: readonly string[];
  /** Headers that open `url` for `workspaceId`; none when it isn't that workspace's file. */
  readonly credentials: (url: URL, workspaceId: string) => Promise<Record<string, string>>;
}

export interface ImageSources {
  /** Hosts any job's pictures may come from, fetched without credentials. */
  readonly publicHosts: readonly string[];
  readonly privateFiles?: PrivateFiles;
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

/** The media policy for one job's pictures. */
export function imagePolicy(sources: ImageSources, owner: ImageOwner | undefined): MediaPolicy {
  const files = sources.privateFiles;
  const own = files !== undefined && owner !== undefined && owner.platform === files.platform;
  const base = {
    allowedHosts: [...sources.publicHosts, ...(own ? files.hosts : [])],
    maxBytes: sources.maxBytes,
    timeoutMs: sources.timeoutMs,
  };
  if (!own) return base;
  return {
    ...base,
    // Asked for every hop (a redirect included); fetch.ts sends nothing over plain http.
    headers: async (url) =>
      url.protocol === "https:" && hostAllowed(url, files.hosts)
        ? files.credentials(url, owner.workspaceId)
        : {},
  };
}

export function imageFetcher(sources: ImageSources): FetchImage {
  return (url, owner) => fetchImage(url, imagePolicy(sources, owner));
}
