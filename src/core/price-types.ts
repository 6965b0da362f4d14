// The shapes of prices (price-list.ts holds the built-in ones, pricing.ts computes with them): US
// cents per second by quality, an audio surcharge per second, and seconds billed per duration.

import { z } from "zod";
import { type ModelId, QUALITIES } from "./catalog.ts";
import type { VideoRequest } from "./request.ts";

export const cents = z.number().nonnegative().max(100_000);
const perQuality = z.record(z.enum(QUALITIES), cents);
/** Seconds billed for a duration, where a provider doesn't bill linearly (fal v5.6: 8 s as 10 s). */
export const billedSeconds = z.record(
  z.string().regex(/^\d{1,3}$/u, "must be whole seconds"),
  z.number().positive(),
);

export const modelPriceSchema = z
  .object({
    perSecondCents: perQuality,
    audioPerSecondCents: perQuality,
    billedSeconds: billedSeconds.optional(),
  })
  .strict();
export type ModelPrice = z.infer<typeof modelPriceSchema>;
export type PriceTable = Record<ModelId, ModelPrice>;
/** Prices a provider publishes itself, by provider id (the catalog's keys), for the models it prices. */
export type ProviderPriceTables = Readonly<Partial<Record<string, Partial<PriceTable>>>>;

export interface Pricing {
  /** The price of each model where the provider running it publishes none of its own. */
  readonly table: PriceTable;
  /** Prices providers publish themselves (price-list.ts), with the operator's overrides applied. */
  readonly providers?: ProviderPriceTables;
  /** The provider that will run `request` (the router's choice); unset: the default table. */
  readonly providerFor?: (request: VideoRequest) => string | undefined;
  /** US cents one credit is worth. By default one credit is one cent of list price. */
  readonly centsPerCredit: number;
}
