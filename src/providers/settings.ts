// Which providers framecast uses and how to reach them, read from the environment by config.ts.
// Each provider takes its conventional key variable and a base-URL override (scheme and host only;
// clients append the documented paths), for proxies and tests.

import { z } from "zod";
import { PROVIDER_IDS, type ProviderId } from "../app/generation/ports.ts";
import { credentialSafe } from "../core/hosts.ts";

const baseUrl = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine(
      (v) => {
        try {
          const u = new URL(v);
          // The key goes there: https, or plain http only to this machine (a local proxy, a test).
          return credentialSafe(u) && (u.pathname === "/" || u.pathname === "") && u.search === "";
        } catch {
          return false;
        }
      },
      {
        message:
          "must be a scheme and host only, e.g. https://api.example.com (clients add the paths); plain http only for this machine (127.0.0.1, localhost), since the key is sent there",
      },
    );

/** A key; an empty value (KEY= in a .env file) means not set. */
const secret = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

export const providerEnvSchema = z.object({
  FRAMECAST_PROVIDER: z
    .enum(PROVIDER_IDS, { message: `must be one of ${PROVIDER_IDS.join(", ")}` })
    .optional(),
  FRAMECAST_PROVIDER_FALLBACKS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    )
    .pipe(z.array(z.enum(PROVIDER_IDS, { message: `each must be one of ${PROVIDER_IDS.join(", ")}` }))),
  FRAMECAST_PREVIEW_SECONDS: z.coerce
    .number({ message: "must be a number of seconds from 0 to 600" })
    .min(0, { message: "must be a number of seconds from 0 to 600" })
    .max(600, { message: "must be a number of seconds from 0 to 600" })
    .default(4),
  PIXVERSE_API_KEY: secret,
  PIXVERSE_API_URL: baseUrl("https://app-api.pixverse.ai"),
  PIXVERSE_WEBHOOK_SECRET: secret,
  FAL_KEY: secret,
  FAL_QUEUE_URL: baseUrl("https://queue.fal.run"),
  FAL_JWKS_URL: z.url().default("https://rest.alpha.fal.ai/.well-known/jwks.json"),
  REPLICATE_API_TOKEN: secret,
  REPLICATE_API_URL: baseUrl("https://api.replicate.com"),
  REPLICATE_WEBHOOK_SECRET: secret,
  RUNWARE_API_KEY: secret,
  RUNWARE_API_URL: baseUrl("https://api.runware.ai"),
  RUNWARE_MODEL_V6: secret,
  CLOUDFLARE_ACCOUNT_ID: secret,
  CLOUDFLARE_API_TOKEN: secret,
  CLOUDFLARE_API_URL: baseUrl("https://api.cloudflare.com"),
  LUMENFALL_API_KEY: secret,
  LUMENFALL_API_URL: baseUrl("https://api.lumenfall.ai"),
  AIGATEWAY_API_KEY: secret,
  AIGATEWAY_API_URL: baseUrl("https://api.aigateway.sh"),
});
type ProviderEnv = z.infer<typeof providerEnvSchema>;

/** Credentials and addresses of every provider that has them. Secrets: never logged. */
export interface ProviderSettings {
  /** The providers to try, in order: the primary, then the fallbacks. */
  readonly order: readonly ProviderId[];
  readonly previewSeconds: number;
  readonly pixverse?: { apiKey: string; baseUrl: string; webhookSecret?: string };
  readonly fal?: { apiKey: string; baseUrl: string; jwksUrl: string };
  readonly replicate?: { apiToken: string; baseUrl: string; webhookSecret?: string };
  readonly runware?: { apiKey: string; baseUrl: string; modelV6?: string };
  readonly cloudflare?: { accountId: string; apiToken: string; baseUrl: string };
  readonly lumenfall?: { apiKey: string; baseUrl: string };
  readonly aigateway?: { apiKey: string; baseUrl: string };
}

/** The variable(s) a provider needs, to name in an error. */
const NEEDS: Readonly<Record<ProviderId, string>> = {
  pixverse: "PIXVERSE_API_KEY",
  fal: "FAL_KEY",
  replicate: "REPLICATE_API_TOKEN",
  runware: "RUNWARE_API_KEY",
  cloudflare: "CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN",
  lumenfall: "LUMENFALL_API_KEY",
  aigateway: "AIGATEWAY_API_KEY",
  preview: "nothing",
};

export function providerSettings(
  e: ProviderEnv,
): { ok: true; settings: ProviderSettings } | { ok: false; problems: string[] } {
  const s: { -readonly [K in keyof ProviderSettings]: ProviderSettings[K] } = {
    order: [],
    previewSeconds: e.FRAMECAST_PREVIEW_SECONDS,
  };
  if (e.PIXVERSE_API_KEY)
    s.pixverse = {
      apiKey: e.PIXVERSE_API_KEY,
      baseUrl: e.PIXVERSE_API_URL,
      ...(e.PIXVERSE_WEBHOOK_SECRET ? { webhookSecret: e.PIXVERSE_WEBHOOK_SECRET } : {}),
    };
  if (e.FAL_KEY) s.fal = { apiKey: e.FAL_KEY, baseUrl: e.FAL_QUEUE_URL, jwksUrl: e.FAL_JWKS_URL };
  if (e.REPLICATE_API_TOKEN) {
    s.replicate = {
      apiToken: e.REPLICATE_API_TOKEN,
      baseUrl: e.REPLICATE_API_URL,
      ...(e.REPLICATE_WEBHOOK_SECRET ? { webhookSecret: e.REPLICATE_WEBHOOK_SECRET } : {}),
    };
  }
  if (e.RUNWARE_API_KEY)
    s.runware = {
      apiKey: e.RUNWARE_API_KEY,
      baseUrl: e.RUNWARE_API_URL,
      ...(e.RUNWARE_MODEL_V6 ? { modelV6: e.RUNWARE_MODEL_V6 } : {}),
    };
  if (e.CLOUDFLARE_ACCOUNT_ID && e.CLOUDFLARE_API_TOKEN) {
    s.cloudflare = {
      accountId: e.CLOUDFLARE_ACCOUNT_ID,
      apiToken: e.CLOUDFLARE_API_TOKEN,
      baseUrl: e.CLOUDFLARE_API_URL,
    };
  }
  if (e.LUMENFALL_API_KEY) s.lumenfall = { apiKey: e.LUMENFALL_API_KEY, baseUrl: e.LUMENFALL_API_URL };
  if (e.AIGATEWAY_API_KEY) s.aigateway = { apiKey: e.AIGATEWAY_API_KEY, baseUrl: e.AIGATEWAY_API_URL };

  const configured = (id: ProviderId): boolean => id === "preview" || s[id] !== undefined;
  // No choice made: the first provider with a key, else the offline preview.
  const primary =
    e.FRAMECAST_PROVIDER ?? PROVIDER_IDS.find((id) => id !== "preview" && configured(id)) ?? "preview";
  const order = [...new Set([primary, ...e.FRAMECAST_PROVIDER_FALLBACKS])];
  const problems = order
    .filter((id) => !configured(id))
    .map((id) =>
      id === primary
        ? `FRAMECAST_PROVIDER: is ${id}, but ${NEEDS[id]} ${NEEDS[id].includes(" and ") ? "are" : "is"} not set`
        : `FRAMECAST_PROVIDER_FALLBACKS: lists ${id}, but ${NEEDS[id]} ${NEEDS[id].includes(" and ") ? "are" : "is"} not set`,
    );
  if (problems.length > 0) return { ok: false, problems };
  s.order = order;
  return { ok: true, settings: s };
}
