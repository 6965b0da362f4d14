// Scrubbing of text bound for logs and chat: whatever shape a secret turns up in (an error
// message, a stack, a URL, an echoed header), it leaves as [redacted]. Runs on serialised JSON
// lines too, so no pattern swallows a backslash (it would unescape a quote). Pure: the logger
// (src/log) and every chat message (src/app/redacting-chat.ts) share it.

const R = "[redacted]";

/** Query parameters that make a URL a credential: signatures, expiries, tokens, keys. */
const SIGNING_PARAM =
  /[?&](?:x-amz-[a-z-]+|x-goog-[a-z-]+|signature|sig|se|sp|sv|token|access_token|key|api_key|apikey|expires|auth|credential|policy|hm|ex|is)=/iu;

const RULES: readonly [RegExp, (match: string, ...groups: string[]) => string][] = [
  // A signed URL keeps its host and path; its query, the credential, goes.
  [
    /\bhttps?:\/\/[^\s"'<>\\]+\?[^\s"'<>#\\]*/giu,
    (url) =>
      SIGNING_PARAM.test(url.slice(url.indexOf("?"))) ? `${url.slice(0, url.indexOf("?"))}?${R}` : url,
  ],
  // Discord interaction tokens ride in webhook and callback paths (platforms.md).
  [/(\/webhooks\/\d+\/)[\w.-]{20,}/gu, (_m, head = "") => `${head}${R}`],
  [/(\/interactions\/\d+\/)[\w.-]{20,}/gu, (_m, head = "") => `${head}${R}`],
  // Credentials written out as headers or fields: Authorization: Bot …, "api-key":"…", xoxb-…
  [
    /((?:authorization|api-key|x-api-key|proxy-authorization)["']?\s*[:=]\s*["']?)(?:(?:Bot|Bearer|Basic|Key|Token)\s+)?[^\s"',}\\]+/giu,
    (_m, head = "") => `${head}${R}`,
  ],
  [/\bxox[abposr]-[\w-]{8,}/gu, () => R],
  [/\bxapp-[\w-]{8,}/gu, () => R],
  // Passwords in connection strings.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@\s/]+@/giu, (_m, head = "") => `${head}${R}@`],
];

/** `text` with every known secret value and every credential-shaped substring redacted. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(R);
  for (const [pattern, replace] of RULES) out = out.replace(pattern, replace);
  return out;
}
