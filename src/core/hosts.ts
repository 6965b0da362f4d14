// Which hosts media may come from: `host` or `host:port` entries, `*.example.com` for subdomains.

export function hostAllowed(url: URL, allowed: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  const hostPort = url.port === "" ? host : `${host}:${url.port}`;
  return allowed.some((entry) => {
    const e = entry.toLowerCase();
    if (e.startsWith("*.")) return host.endsWith(e.slice(1)) && url.port === "";
    return e === hostPort || (e === host && url.port === "");
  });
}

/** The request's image links whose host is not allowed (unparseable links count as not allowed). */
export function disallowedImages(images: readonly (string | null)[], allowed: readonly string[]): string[] {
  return images.flatMap((link) => {
    if (link === null) return [];
    try {
      return hostAllowed(new URL(link), allowed) ? [] : [link];
    } catch {
      return [link];
    }
  });
}

/**
 * Whether a signed CDN link has expired: Discord's attachment links carry `ex`, the expiry as
 * hexadecimal Unix seconds (reference.mdx "Signed Attachment CDN URLs"). Unsigned links never do.
 */
export function signedLinkExpired(link: string, now: Date): boolean {
  let ex: string | null;
  try {
    ex = new URL(link).searchParams.get("ex");
  } catch {
    return false;
  }
  if (ex === null || !/^[0-9a-f]{1,12}$/iu.test(ex)) return false;
  return Number.parseInt(ex, 16) * 1000 <= now.getTime();
}

/**
 * Whether a credential may be sent to `url`: over https, or over plain http only to this machine
 * (127.0.0.0/8, ::1, localhost: a local proxy or test server), where it never crosses a network.
 */
export function credentialSafe(url: URL): boolean {
  if (url.protocol === "https:") return true;
  if (url.protocol !== "http:") return false;
  const host = url.hostname.replace(/^\[|\]$/gu, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(?:\.\d{1,3}){3}$/u.test(host);
}
