// How discord.js's REST client sends requests here. Its default strategy calls the undici 6 that
// @discordjs/rest bundles, which dispatches through the process-wide dispatcher; once framecast's
// own undici 8 is loaded that dispatcher is undici 8's, which refuses a FormData it did not make,
// so every upload (multipart) failed. Node's global fetch serialises the FormData itself first.

import type { RESTOptions } from "discord.js";

export function restOptions(apiUrl: string): Partial<RESTOptions> {
  return {
    api: apiUrl,
    makeRequest: (url, init) => fetch(url, init as RequestInit),
  };
}
