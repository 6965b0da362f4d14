// Every secret value the configuration holds, so output can be scrubbed of them whatever shape
// they turn up in (an error message, a URL, a header echoed back by a server).

/** Config fields holding secrets, by name: tokens, keys, secrets, passwords, the database URL. */
const SECRET_FIELD = /(?:token|secret|apikey|password|databaseurl)$/iu;

/** Secrets shorter than this are not scrubbed by value: they would match ordinary words. */
const MIN_SECRET_LENGTH = 6;

/**
 * The values of every secret field anywhere in `config` (sections added later, such as Slack's,
 * included as long as their field names say what they are), plus a database URL's password.
 */
export function secretValues(config: unknown): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, depth: number): void => {
    if (typeof value !== "object" || value === null || depth > 4) return;
    for (const [key, field] of Object.entries(value)) {
      if (typeof field === "string" && SECRET_FIELD.test(key)) {
        found.add(field);
        const password = urlPassword(field);
        if (password !== undefined) found.add(password);
      } else walk(field, depth + 1);
    }
  };
  walk(config, 0);
  return [...found].filter((v) => v.length >= MIN_SECRET_LENGTH);
}

function urlPassword(text: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//iu.test(text)) return undefined;
  try {
    const password = decodeURIComponent(new URL(text).password);
    return password === "" ? undefined : password;
  } catch {
    return undefined;
  }
}
