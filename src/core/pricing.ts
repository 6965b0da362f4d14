import { z } from "zod";
import { MODEL_IDS, type ModelId, QUALITIES } from "./catalog.ts";
import type { VideoRequest } from "./request.ts";

// Prices are list prices in US cents per second of video, by model and quality, with a separate
// per-second surcharge for audio. Operators override the table in config; the cost of a request
// is computed once, shown before the job runs, and reserved against quotas.

const cents = z.number().nonnegative().max(100_000);
const modelPriceSchema = z
  .object({
    perSecondCents: z.record(z.enum(QUALITIES), cents),
    audioPerSecondCents: z.record(z.enum(QUALITIES), cents),
  })
  .strict();

export const priceTableSchema = z.record(z.enum(MODEL_IDS), modelPriceSchema);

/** What an operator may write in config: any part of the table; the rest keeps its default. */
export const priceTableOverrideSchema = z.partialRecord(
  z.enum(MODEL_IDS),
  z
    .object({
      perSecondCents: z.partialRecord(z.enum(QUALITIES), cents),
      audioPerSecondCents: z.partialRecord(z.enum(QUALITIES), cents),
    })
    .partial()
    .strict(),
);
export type PriceTableOverride = z.infer<typeof priceTableOverrideSchema>;

export type ModelPrice = z.infer<typeof modelPriceSchema>;
export type PriceTable = Record<ModelId, ModelPrice>;

/**
 * Defaults: $0.07 per second up to 720p, the per-second list price Replicate and fal both quote
 * for PixVerse v5.6 (reference/seeds/lumenfall-pixverse-v5.6.md; AIGateway lists $0.08, Runware
 * bills about $0.05). 1080p costs 12¢/s, keeping fal's 1080p:720p ratio (75¢:45¢ per 5 s,
 * reference/providers.md §2). Audio is included in those per-second prices, so its surcharge is 0;
 * on fal, which bills audio separately (+9¢/s up to 720p, +15¢/s at 1080p), set it in config.
 * v6 has no published per-second price in the references; it uses the same table.
 */
const DEFAULT_MODEL_PRICE: ModelPrice = {
  perSecondCents: { "360p": 7, "540p": 7, "720p": 7, "1080p": 12 },
  audioPerSecondCents: { "360p": 0, "540p": 0, "720p": 0, "1080p": 0 },
};

export const DEFAULT_PRICE_TABLE = Object.fromEntries(
  MODEL_IDS.map((m) => [m, DEFAULT_MODEL_PRICE]),
) as PriceTable;

export function mergePriceTable(base: PriceTable, override: PriceTableOverride): PriceTable {
  const merged = { ...base };
  for (const model of MODEL_IDS) {
    const o = override[model];
    if (o === undefined) continue;
    merged[model] = {
      perSecondCents: { ...base[model].perSecondCents, ...o.perSecondCents },
      audioPerSecondCents: { ...base[model].audioPerSecondCents, ...o.audioPerSecondCents },
    };
  }
  return priceTableSchema.parse(merged);
}

export interface Pricing {
  readonly table: PriceTable;
  /** US cents one credit is worth. By default one credit is one cent of list price. */
  readonly centsPerCredit: number;
}

export const DEFAULT_PRICING: Pricing = { table: DEFAULT_PRICE_TABLE, centsPerCredit: 1 };

export interface Cost {
  /** Whole credits, rounded up: what quotas reserve and charge. */
  readonly credits: number;
  /** Whole US cents of list price, rounded up. */
  readonly usdCents: number;
}

export function priceRequest(
  request: Pick<VideoRequest, "model" | "quality" | "duration" | "audio">,
  pricing: Pricing = DEFAULT_PRICING,
): Cost {
  const price = pricing.table[request.model];
  const perSecond =
    price.perSecondCents[request.quality] + (request.audio ? price.audioPerSecondCents[request.quality] : 0);
  // Round to a millicent first so that 0.1 + 0.2 style float noise never adds a cent.
  const exact = Math.round(perSecond * request.duration * 1000) / 1000;
  const usdCents = Math.ceil(exact);
  const credits = Math.ceil(Math.round((exact / pricing.centsPerCredit) * 1000) / 1000);
  return { credits, usdCents };
}

/** "$0.56" */
export function formatUsd(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}
