import type { ProviderFailure, ProviderId } from "../app/generation/ports.ts";

/**
 * A provider call that failed: what the caller needs to decide (retry, fail over, tell the user),
 * and never the request's credentials.
 */
export class ProviderError extends Error implements ProviderFailure {
  readonly provider: ProviderId;
  /** HTTP status, if the provider answered at all. */
  readonly httpStatus: number | undefined;
  /** The provider's own error code (PixVerse ErrCode, fal detail type…), as text. */
  readonly providerCode: string | undefined;
  readonly retryable: boolean;
  /** From Retry-After, when the provider sent one. */
  readonly retryAfterMs: number | undefined;
  /** The provider refused the content itself (moderation), not the request's form. */
  readonly moderated: boolean;

  constructor(
    provider: ProviderId,
    message: string,
    details: {
      httpStatus?: number;
      providerCode?: string;
      retryable: boolean;
      retryAfterMs?: number;
      moderated?: boolean;
      cause?: unknown;
    },
  ) {
    super(`${provider}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "ProviderError";
    this.provider = provider;
    this.httpStatus = details.httpStatus;
    this.providerCode = details.providerCode;
    this.retryable = details.retryable;
    this.retryAfterMs = details.retryAfterMs;
    this.moderated = details.moderated ?? false;
  }
}

/** 408, 425, 429 and 5xx are worth retrying; other 4xx are the request's fault. */
export const retryableStatus = (status: number): boolean =>
  status === 408 || status === 425 || status === 429 || status >= 500;

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined || header.trim() === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
