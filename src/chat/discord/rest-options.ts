// How discord.js's REST client sends requests here. By default @discordjs/rest builds multipart
// bodies as Node's global FormData and sends them with the undici 6 it bundles, which dispatches
// through the process-wide dispatcher; once framecast's own undici 8 is loaded that dispatcher is
// undici 8's, which refuses a FormData it did not make, so every upload failed. Node's global
// fetch serialises the FormData into a stream before dispatching.

import type { RESTOptions } from "discord.js";

export function restOptions(apiUrl: string): Partial<RESTOptions> {
  return {
    api: apiUrl,
    makeRequest: (url, init) => fetch(url, init as RequestInit),
  };
}

/**
 * For interaction callbacks and webhooks, which carry the interaction's token, not the bot's:
 * Discord doesn't count them against the bot's global 50 requests/s, so they must not queue
 * behind it in discord.js's global limiter either (per-route limits still apply). Sharing it,
 * at 200 interactions a second the answers after a defer and the progress edits waited seconds.
 */
export function interactionRestOptions(apiUrl: string): Partial<RESTOptions> {
  return { ...restOptions(apiUrl), globalRequestsPerSecond: Number.POSITIVE_INFINITY };
}
