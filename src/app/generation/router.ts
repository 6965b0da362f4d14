// Routing across the configured providers, in order. A provider that can't serve a request (its
// supports() says no) is skipped; one that fails to accept a job (it could not be reached, 5xx,
// or 429 once its retries ran out) is failed over to the next. A job is never resubmitted
// elsewhere once a provider has accepted it: that would pay twice.

import type { VideoRequest } from "../../core/request.ts";
import {
  isProviderFailure,
  type ProviderId,
  type ProviderJob,
  type SubmitOptions,
  type VideoProvider,
} from "./ports.ts";

export type Route =
  | {
      readonly ok: true;
      readonly provider: VideoProvider;
      readonly skipped: readonly { id: ProviderId; reason: string }[];
    }
  | { readonly ok: false; readonly reasons: readonly { id: ProviderId; reason: string }[] };

/** Whether an error says the provider did not take the job, so another may be tried. */
const notAccepted = (error: unknown): boolean =>
  isProviderFailure(error) && error.retryable && !error.moderated;

export interface RouterOptions {
  /**
   * The bot's public base URL (FRAMECAST_PUBLIC_URL): providers that send webhooks are told to
   * call `<publicUrl><webhookPath>` when a video ends, so the job wakes at once instead of at
   * its next poll. Without it, every job is polled.
   */
  readonly publicUrl?: string;
}

export class ProviderRouter {
  readonly #providers: readonly VideoProvider[];
  readonly #publicUrl: string | undefined;

  constructor(providers: readonly VideoProvider[], options: RouterOptions = {}) {
    if (providers.length === 0) throw new Error("at least one provider is needed");
    this.#providers = providers;
    this.#publicUrl = options.publicUrl?.replace(/\/+$/u, "");
  }

  /** The webhook URL `provider` should call, if webhooks are on and it sends verifiable ones. */
  webhookUrl(provider: VideoProvider): string | undefined {
    return this.#publicUrl === undefined || provider.webhookPath === undefined
      ? undefined
      : `${this.#publicUrl}${provider.webhookPath}`;
  }

  get primary(): VideoProvider {
    return this.#providers[0] as VideoProvider;
  }

  byId(id: ProviderId): VideoProvider | undefined {
    return this.#providers.find((p) => p.id === id);
  }

  /** The provider that would take `request` first, or every provider's reason why not. */
  route(request: VideoRequest): Route {
    const skipped: { id: ProviderId; reason: string }[] = [];
    for (const provider of this.#providers) {
      const support = provider.supports(request);
      if (support.ok) return { ok: true, provider, skipped };
      skipped.push({ id: provider.id, reason: support.reason });
    }
    return { ok: false, reasons: skipped };
  }

  /** The provider that would run `request`, to price it by (undefined when none can). */
  providerFor(request: VideoRequest): ProviderId | undefined {
    const route = this.route(request);
    return route.ok ? route.provider.id : undefined;
  }

  /** Submits to the first provider that serves `request` and accepts it. */
  async submit(request: VideoRequest, options: SubmitOptions): Promise<ProviderJob> {
    let lastError: unknown;
    let tried = 0;
    for (const provider of this.#providers) {
      if (!provider.supports(request).ok) continue;
      tried++;
      try {
        const webhookUrl = this.webhookUrl(provider);
        return await provider.submit(
          request,
          webhookUrl === undefined ? options : { ...options, webhookUrl },
        );
      } catch (error) {
        if (!notAccepted(error)) throw error;
        lastError = error;
      }
    }
    if (tried === 0) {
      const route = this.route(request);
      throw new Error(route.ok ? "no provider" : route.reasons.map((r) => `${r.id}: ${r.reason}`).join("; "));
    }
    throw lastError;
  }
}
