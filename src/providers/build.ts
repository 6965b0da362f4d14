// Builds the configured provider clients, in the order they are tried.

import { createHmac } from "node:crypto";
import type { FetchImage, ProviderId, VideoProvider } from "../app/generation/ports.ts";
import { CloudflareProvider } from "./cloudflare/client.ts";
import { FalProvider } from "./fal/client.ts";
import { jwksFromUrl } from "./fal/webhook.ts";
import { GatewayProvider } from "./gateways/client.ts";
import { aigateway, lumenfall } from "./gateways/dialects.ts";
import type { HttpPolicy } from "./http.ts";
import { PixverseProvider } from "./pixverse/client.ts";
import { PreviewProvider } from "./preview/client.ts";
import { ReplicateProvider } from "./replicate/client.ts";
import { RunwareProvider } from "./runware/client.ts";
import type { ProviderSettings } from "./settings.ts";

export interface ProviderDeps {
  /** Reads an input image (host, size and type checked). */
  readonly fetchImage: FetchImage;
  /** Where the preview provider keeps its videos. */
  readonly previewDir: string;
  readonly http?: HttpPolicy;
  /** The secret in Runware's webhook URL; by default derived from the API key (stable across restarts). */
  readonly runwareWebhookToken?: string;
}

/**
 * A webhook token only the holder of the Runware key can compute: the same after a restart (so
 * webhooks of jobs submitted before it still verify), and nothing of the key shows in it.
 */
export const runwareWebhookToken = (apiKey: string): string =>
  createHmac("sha256", apiKey).update("framecast runware webhook").digest("base64url").slice(0, 32);

export function buildProviders(settings: ProviderSettings, deps: ProviderDeps): VideoProvider[] {
  return settings.order.map((id) => buildProvider(id, settings, deps));
}

function buildProvider(id: ProviderId, settings: ProviderSettings, deps: ProviderDeps): VideoProvider {
  const http = deps.http === undefined ? {} : { http: deps.http };
  const missing = (): never => {
    throw new Error(`${id} is in the provider order but not configured`);
  };
  switch (id) {
    case "pixverse":
      return new PixverseProvider({
        ...(settings.pixverse ?? missing()),
        fetchImage: deps.fetchImage,
        ...http,
      });
    case "fal": {
      const fal = settings.fal ?? missing();
      return new FalProvider({
        apiKey: fal.apiKey,
        baseUrl: fal.baseUrl,
        jwks: jwksFromUrl(fal.jwksUrl),
        fetchImage: deps.fetchImage,
        ...http,
      });
    }
    case "replicate":
      return new ReplicateProvider({
        ...(settings.replicate ?? missing()),
        fetchImage: deps.fetchImage,
        ...http,
      });
    case "runware": {
      const r = settings.runware ?? missing();
      return new RunwareProvider({
        apiKey: r.apiKey,
        baseUrl: r.baseUrl,
        ...(r.modelV6 === undefined ? {} : { models: { v6: r.modelV6 } }),
        webhookToken: deps.runwareWebhookToken ?? runwareWebhookToken(r.apiKey),
        fetchImage: deps.fetchImage,
        ...http,
      });
    }
    case "cloudflare":
      return new CloudflareProvider({
        ...(settings.cloudflare ?? missing()),
        fetchImage: deps.fetchImage,
        ...(deps.http ? { http: { ...deps.http, timeoutMs: 15 * 60_000 } } : {}),
      });
    case "lumenfall":
      return new GatewayProvider(lumenfall, { ...(settings.lumenfall ?? missing()), ...http });
    case "aigateway":
      return new GatewayProvider(aigateway, { ...(settings.aigateway ?? missing()), ...http });
    case "preview":
      return new PreviewProvider({
        outputDir: deps.previewDir,
        previewSeconds: settings.previewSeconds,
        fetchImage: deps.fetchImage,
      });
  }
}
