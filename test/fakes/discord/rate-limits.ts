// Per-route rate limit buckets (reference/platforms.md §2, rate-limits.mdx). A bucket is a route
// pattern plus its major parameter (channel, guild, webhook id + token, interaction id). Every
// response carries X-RateLimit-*; a 429 adds Retry-After (whole seconds, as Discord sends it) and
// the JSON {message, retry_after (float seconds), global}. Windows run on the real clock: the
// client waits them out in real time.

import { createHash } from "node:crypto";

export interface RateLimitRule {
  readonly limit: number;
  readonly windowMs: number;
}

export interface RateLimitVerdict {
  readonly limited: boolean;
  readonly headers: Record<string, string>;
  /** Seconds until the bucket resets (the 429 body's retry_after). */
  readonly retryAfter: number;
}

interface Window {
  count: number;
  resetAt: number;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

export class RateLimits {
  readonly #rules = new Map<string, RateLimitRule>();
  readonly #windows = new Map<string, Window>();
  readonly #fallback: RateLimitRule;
  readonly #clock: () => number;

  constructor(fallback: RateLimitRule, clock: () => number = Date.now) {
    this.#fallback = fallback;
    this.#clock = clock;
  }

  /** `pattern` is "METHOD /template" (one method) or "/template" (all methods of the route). */
  set(pattern: string, rule: RateLimitRule): void {
    this.#rules.set(pattern, rule);
    for (const key of this.#windows.keys()) if (key.startsWith(`${pattern}|`)) this.#windows.delete(key);
  }

  take(method: string, template: string, major: string): RateLimitVerdict {
    const exact = `${method} ${template}`;
    const pattern = this.#rules.has(exact) ? exact : this.#rules.has(template) ? template : exact;
    const rule = this.#rules.get(pattern) ?? this.#fallback;
    const now = this.#clock();
    const key = `${pattern}|${major}`;
    let window = this.#windows.get(key);
    if (window === undefined || window.resetAt <= now) {
      window = { count: 0, resetAt: now + rule.windowMs };
      this.#windows.set(key, window);
    }
    const limited = window.count >= rule.limit;
    if (!limited) window.count++;
    const resetAfter = window.resetAt - now;
    const headers: Record<string, string> = {
      "x-ratelimit-limit": String(rule.limit),
      "x-ratelimit-remaining": String(rule.limit - window.count),
      "x-ratelimit-reset": seconds(window.resetAt),
      "x-ratelimit-reset-after": seconds(resetAfter),
      "x-ratelimit-bucket": createHash("sha256").update(pattern).digest("hex").slice(0, 32),
    };
    if (limited) {
      headers["retry-after"] = String(Math.ceil(resetAfter / 1000));
      headers["x-ratelimit-scope"] = "user";
    }
    return { limited, headers, retryAfter: Number(seconds(resetAfter)) };
  }
}
