// The one port every video provider implements. Clients live in src/providers/; the job engine
// only ever sees these types.

import type { Platform } from "../../core/chat-event.ts";
import type { VideoRequest } from "../../core/request.ts";

export const PROVIDER_IDS = [
  "pixverse",
  "fal",
  "replicate",
  "runware",
  "cloudflare",
  "lumenfall",
  "aigateway",
  "preview",
] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/**
 * A submitted job as its provider knows it. Stored with the job row so that any instance can
 * pick it up after a restart: `id` is opaque text (PixVerse ids are int64, kept exact), `urls`
 * are the addresses a provider returned to follow (fal, Replicate).
 */
export interface ProviderJob {
  readonly provider: ProviderId;
  readonly id: string;
  readonly urls?: { readonly status?: string; readonly result?: string; readonly cancel?: string };
}

/**
 * What a provider client throws when a call fails (providers/errors.ts: ProviderError): whether
 * trying again (or another provider) may help, and whether the content itself was refused.
 */
export interface ProviderFailure extends Error {
  readonly provider: ProviderId;
  readonly retryable: boolean;
  /** The provider refused the content itself (moderation), not the request's form. */
  readonly moderated: boolean;
}

export function isProviderFailure(error: unknown): error is ProviderFailure {
  return (
    error instanceof Error &&
    "retryable" in error &&
    typeof error.retryable === "boolean" &&
    "moderated" in error &&
    typeof error.moderated === "boolean"
  );
}

/** One normalised status, whatever the provider's own words for it. */
export type ProviderStatus =
  | { readonly state: "queued"; readonly queuePosition?: number }
  | { readonly state: "running"; readonly progress?: number }
  | {
      readonly state: "succeeded";
      readonly videoUrl: string;
      readonly durationSeconds?: number;
      readonly width?: number;
      readonly height?: number;
      readonly seed?: number;
    }
  | { readonly state: "failed"; readonly code: string; readonly message: string; readonly retryable: boolean }
  | { readonly state: "moderated"; readonly message: string }
  | { readonly state: "canceled" };

export type Support = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Whose request a job is: the platform and workspace it came from. */
export interface ImageOwner {
  readonly platform: Platform;
  readonly workspaceId: string;
}

/**
 * Fetches an input image through the bot's media policy (allowed hosts, https, size cap, image
 * types). A chat's private files (Slack's url_private) are fetched, with that workspace's
 * credentials, only for a job of that same workspace: `owner`; without it, never.
 */
export type FetchImage = (
  url: string,
  owner?: ImageOwner,
) => Promise<{ bytes: Uint8Array; mimeType: string }>;

export interface SubmitOptions {
  /** Stable per job: providers that accept one dedupe with it (Runware's taskUUID). */
  readonly idempotencyKey: string;
  /** Whose job it is: its input images are fetched for that workspace (see FetchImage). */
  readonly owner?: ImageOwner;
  /** Where the provider should call back, for providers that take a per-request webhook. */
  readonly webhookUrl?: string;
  readonly signal?: AbortSignal;
}

/**
 * What a provider's webhook call says, once its signature and freshness are checked. `deliveryId`
 * names the delivery where the provider gives it one (PixVerse's nonce): the same id again is a
 * replay, acknowledged and ignored.
 */
export type WebhookResult =
  | {
      readonly ok: true;
      readonly jobId: string;
      readonly status: ProviderStatus;
      readonly deliveryId?: string;
    }
  | { readonly ok: false; readonly reason: "bad_signature" | "stale" | "malformed" };

export type WebhookHeaders = Readonly<Record<string, string | undefined>>;

export interface VideoProvider {
  readonly id: ProviderId;
  /** Whether this provider can make `request` at all (checked before submitting; routing skips it if not). */
  supports(request: VideoRequest): Support;
  submit(request: VideoRequest, options: SubmitOptions): Promise<ProviderJob>;
  /**
   * `request` is the job's own: a provider that keeps its jobs in the process that started them
   * (the preview) can make one again from it when asked in another process.
   */
  status(job: ProviderJob, signal?: AbortSignal, request?: VideoRequest): Promise<ProviderStatus>;
  /** Absent where the provider has no cancel. */
  cancel?(job: ProviderJob): Promise<"requested" | "already_done" | "not_found">;
  /**
   * Where, under the bot's public URL, this provider's webhooks are received (e.g.
   * `/webhooks/fal`); absent where it sends none or they could not be verified as configured.
   */
  readonly webhookPath?: string;
  /** Absent where the provider sends no (or no verifiable) webhooks. Headers are lower-cased. */
  parseWebhook?(body: Uint8Array, headers: WebhookHeaders, now: Date): Promise<WebhookResult>;
  /** The exact answer the provider expects to an accepted webhook (PixVerse: 200 `ok`). */
  readonly webhookReply?: { readonly contentType: string; readonly body: string };
}
