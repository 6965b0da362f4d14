import { z } from "zod";
import { CATALOG, MODEL_IDS, type ModelId, QUALITIES } from "./catalog.ts";
import { DEFAULT_PRICING } from "./price-list.ts";
import {
  billedSeconds,
  cents,
  type ModelPrice,
  modelPriceSchema,
  type PriceTable,
  type Pricing,
  type ProviderPriceTables,
} from "./price-types.ts";
import type { VideoRequest } from "./request.ts";

export { DEFAULT_PRICE_TABLE, DEFAULT_PRICING, PROVIDER_PRICE_TABLES } from "./price-list.ts";
export {
  type ModelPrice,
  modelPriceSchema,
  type PriceTable,
  type Pricing,
  type ProviderPriceTables,
} from "./price-types.ts";

// Prices are list prices in US cents per second of video, by model and quality, with a separate
// per-second surcharge for audio, and per provider where a provider publishes its own (the built-in
// tables and their sources are in price-list.ts). A request is priced by the provider that will
// run it; operators override any part in config. The cost of a request is computed once, shown
// before the job runs, and reserved against quotas.

const modelOverrideSchema = z
  .object({
    perSecondCents: z.partialRecord(z.enum(QUALITIES), cents),
    audioPerSecondCents: z.partialRecord(z.enum(QUALITIES), cents),
    billedSeconds,
  })
  .partial()
  .strict();
type ModelPriceOverride = z.infer<typeof modelOverrideSchema>;

/** Provider ids that price tables may name: every provider the catalog gives a model id. */
export const PRICED_PROVIDERS = [...new Set(MODEL_IDS.flatMap((m) => Object.keys(CATALOG[m].providers)))];

const byModel = z.partialRecord(z.enum(MODEL_IDS), modelOverrideSchema);

/**
 * What an operator may write in FRAMECAST_PRICES: `{"<model>": price}` (the original shape: that
 * model's price on every provider) and/or `{"<provider>": {"<model>": price}}` (on that provider
 * only). Any part of a price may be given; the rest keeps its built-in value.
 */
export const priceTableOverrideSchema = z
  .strictObject(
    Object.fromEntries([
      ...MODEL_IDS.map((m) => [m, modelOverrideSchema.optional()] as const),
      ...PRICED_PROVIDERS.map((p) => [p, byModel.optional()] as const),
    ]),
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `${issue.keys.map((k) => `"${k}"`).join(", ")}: each key is a model (${MODEL_IDS.join(", ")}) or a provider (${PRICED_PROVIDERS.join(", ")})`
          : undefined,
    },
  )
  .transform((o) => {
    const record = o as Record<string, unknown>;
    const models: Partial<Record<ModelId, ModelPriceOverride>> = {};
    for (const m of MODEL_IDS) if (record[m] !== undefined) models[m] = record[m] as ModelPriceOverride;
    const providers: Partial<Record<string, Partial<Record<ModelId, ModelPriceOverride>>>> = {};
    for (const p of PRICED_PROVIDERS)
      if (record[p] !== undefined) providers[p] = record[p] as Partial<Record<ModelId, ModelPriceOverride>>;
    return { models, providers };
  });
export type PriceTableOverride = z.infer<typeof priceTableOverrideSchema>;

function applyOverride(base: ModelPrice, o: ModelPriceOverride | undefined): ModelPrice {
  if (o === undefined) return base;
  const billed = { ...base.billedSeconds, ...o.billedSeconds };
  return modelPriceSchema.parse({
    perSecondCents: { ...base.perSecondCents, ...o.perSecondCents },
    audioPerSecondCents: { ...base.audioPerSecondCents, ...o.audioPerSecondCents },
    ...(Object.keys(billed).length === 0 ? {} : { billedSeconds: billed }),
  });
}

/** The operator's prices over the built-in ones: provider-specific beats model-wide beats built-in. */
export function mergePrices(
  base: { readonly table: PriceTable; readonly providers: ProviderPriceTables },
  override: PriceTableOverride,
): { table: PriceTable; providers: ProviderPriceTables } {
  const table = { ...base.table };
  for (const m of MODEL_IDS) table[m] = applyOverride(base.table[m], override.models[m]);
  const providers: Partial<Record<string, Partial<PriceTable>>> = {};
  for (const p of PRICED_PROVIDERS) {
    const own: Partial<PriceTable> = {};
    for (const m of MODEL_IDS) {
      const builtIn = base.providers[p]?.[m];
      const wide = override.models[m];
      const specific = override.providers[p]?.[m];
      if (builtIn === undefined && specific === undefined) continue;
      own[m] = applyOverride(applyOverride(builtIn ?? base.table[m], wide), specific);
    }
    if (Object.keys(own).length > 0) providers[p] = own;
  }
  return { table, providers };
}

export interface Cost {
  /** Whole credits, rounded up: what quotas reserve and charge. */
  readonly credits: number;
  /** Whole US cents of list price, rounded up. */
  readonly usdCents: number;
}

/** What a price depends on; a whole VideoRequest also tells which provider will run it. */
export type PricedRequest = Pick<VideoRequest, "model" | "quality" | "duration" | "audio"> | VideoRequest;

const whole = (r: PricedRequest): r is VideoRequest => "prompt" in r;

/** The price that applies to `request`: its provider's own, else the model's default. */
export function priceFor(
  request: PricedRequest,
  pricing: Pricing = DEFAULT_PRICING,
  provider?: string,
): ModelPrice {
  const on = provider ?? (whole(request) ? pricing.providerFor?.(request) : undefined);
  return (
    (on === undefined ? undefined : pricing.providers?.[on]?.[request.model]) ?? pricing.table[request.model]
  );
}

export function priceRequest(
  request: PricedRequest,
  pricing: Pricing = DEFAULT_PRICING,
  provider?: string,
): Cost {
  const price = priceFor(request, pricing, provider);
  const perSecond =
    price.perSecondCents[request.quality] + (request.audio ? price.audioPerSecondCents[request.quality] : 0);
  const seconds = price.billedSeconds?.[String(request.duration)] ?? request.duration;
  // Round to a millicent first so that 0.1 + 0.2 style float noise never adds a cent.
  const exact = Math.round(perSecond * seconds * 1000) / 1000;
  const usdCents = Math.ceil(exact);
  const credits = Math.ceil(Math.round((exact / pricing.centsPerCredit) * 1000) / 1000);
  return { credits, usdCents };
}

/** "$0.56" */
export function formatUsd(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}
