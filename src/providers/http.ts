// HTTP for provider clients: one request with a timeout, errors turned into ProviderError, and
// retries with exponential backoff and jitter (p-retry) that also honour Retry-After.

import pRetry from "p-retry";
import { type FormData, request } from "undici";
import type { ProviderId } from "../app/generation/ports.ts";
import { ProviderError, retryAfterMs, retryableStatus } from "./errors.ts";

export interface HttpReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly text: string;
}

export interface HttpCall {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | FormData;
  readonly signal?: AbortSignal;
}

export interface HttpPolicy {
  /** Per attempt. */
  readonly timeoutMs: number;
  readonly retries: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** How a Retry-After wait is spent (injectable so tests need no real waiting). */
  readonly sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_HTTP_POLICY: HttpPolicy = {
  timeoutMs: 30_000,
  retries: 3,
  minDelayMs: 500,
  maxDelayMs: 8_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(", ") : value;

/** One HTTP exchange. Network failures and timeouts become retryable ProviderErrors. */
export async function send(provider: ProviderId, call: HttpCall, timeoutMs: number): Promise<HttpReply> {
  const signal =
    call.signal === undefined
      ? AbortSignal.timeout(timeoutMs)
      : AbortSignal.any([call.signal, AbortSignal.timeout(timeoutMs)]);
  try {
    const res = await request(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      signal,
    });
    const text = await res.body.text();
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(res.headers)) headers[k.toLowerCase()] = header(v);
    return { status: res.statusCode, headers, text };
  } catch (error) {
    if (call.signal?.aborted === true) throw error;
    const reason = signal.aborted
      ? `no answer within ${timeoutMs} ms`
      : ((error as { code?: string }).code ?? (error as Error).message);
    throw new ProviderError(provider, `could not reach ${new URL(call.url).host}: ${reason}`, {
      retryable: true,
      cause: error,
    });
  }
}

/** A reply whose HTTP status says the call failed, as a ProviderError. */
export function httpError(provider: ProviderId, reply: HttpReply, what: string): ProviderError {
  return new ProviderError(provider, `${what} failed with HTTP ${reply.status}`, {
    httpStatus: reply.status,
    retryable: retryableStatus(reply.status),
    retryAfterMs: retryAfterMs(reply.headers["retry-after"]),
  });
}

/** Runs `attempt` until it succeeds, a non-retryable error occurs, or the retries run out. */
export function withRetries<T>(policy: HttpPolicy, attempt: () => Promise<T>): Promise<T> {
  return pRetry(attempt, {
    retries: policy.retries,
    minTimeout: policy.minDelayMs,
    maxTimeout: policy.maxDelayMs,
    randomize: true,
    shouldRetry: ({ error }) => error instanceof ProviderError && error.retryable,
    onFailedAttempt: async ({ error, retriesLeft }) => {
      if (retriesLeft > 0 && error instanceof ProviderError && error.retryAfterMs !== undefined) {
        await policy.sleep(Math.min(error.retryAfterMs, 60_000));
      }
    },
  });
}
