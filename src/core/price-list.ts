import { MODEL_IDS, QUALITIES, type Quality } from "./catalog.ts";
import type { ModelPrice, PriceTable, Pricing, ProviderPriceTables } from "./price-types.ts";

// The built-in prices: US cents per second of video by model × quality, and the extra per second
// with audio. A provider's own table applies when that provider runs the request; the default
// table applies everywhere else. Each figure names where it was read.

const each = (cents: number): Record<Quality, number> =>
  Object.fromEntries(QUALITIES.map((q) => [q, cents])) as Record<Quality, number>;
const table = (perSecond: Record<Quality, number>, withAudio: Record<Quality, number>): ModelPrice => ({
  perSecondCents: perSecond,
  audioPerSecondCents: Object.fromEntries(
    QUALITIES.map((q) => [q, Math.round((withAudio[q] - perSecond[q]) * 1000) / 1000]),
  ) as Record<Quality, number>,
});
const q = (p360: number, p540: number, p720: number, p1080: number): Record<Quality, number> => ({
  "360p": p360,
  "540p": p540,
  "720p": p720,
  "1080p": p1080,
});

/**
 * Where the provider running a request publishes no price of its own (PixVerse's platform,
 * Replicate, Runware, Cloudflare, Lumenfall, the preview): 7¢/s up to 720p and 12¢/s at 1080p,
 * audio included. 7¢/s is the list price Replicate and fal quote for v5.6
 * (reference/seeds/lumenfall-pixverse-v5.6.md: "$0.070/second"); 12¢ keeps fal's 1080p:720p ratio
 * (75¢:45¢ per 5 s, reference/providers.md §2). No per-second v6 price is published outside fal,
 * so v6 keeps this table too.
 */
const LIST: ModelPrice = { perSecondCents: q(7, 7, 7, 12), audioPerSecondCents: each(0) };

// Multi-shot (shots:on) costs the same as one shot, so no price here depends on it: PixVerse's
// Model & Pricing page (docs.platform.pixverse.ai/model-pricing-796039m0) bills by model, quality,
// motion mode and duration only, and Runware's v6 page prices per second with no multi-clip
// surcharge (runware.ai/docs/models/pixverse-v6).
export const DEFAULT_PRICE_TABLE = Object.fromEntries(MODEL_IDS.map((m) => [m, LIST])) as PriceTable;

/** What providers publish themselves. */
export const PROVIDER_PRICE_TABLES: ProviderPriceTables = {
  fal: {
    // fal.ai/models/fal-ai/pixverse/v5.6/transition/llms.txt (reference/providers.md §2): 5 s costs
    // $0.35 at 360p/540p, $0.45 at 720p, $0.75 at 1080p; audio adds $0.45 (≤720p) or $0.75
    // (1080p); 8 s costs 2× and 10 s 2.2× the 5 s price (billed as 10 s and 11 s).
    "v5.6": {
      perSecondCents: q(7, 7, 9, 15),
      audioPerSecondCents: q(9, 9, 9, 15),
      billedSeconds: { "8": 10, "10": 11 },
    },
    // fal.ai/models/fal-ai/pixverse/v6/transition/llms.txt: per second without/with audio, 360p
    // $0.025/$0.035, 540p $0.035/$0.045, 720p $0.045/$0.060, 1080p $0.090/$0.115. The same rates
    // for v6 text-to-video and image-to-video [S: public fal price tables checked 2026-10-04].
    v6: table(q(2.5, 3.5, 4.5, 9), q(3.5, 4.5, 6, 11.5)),
    // fal's C1 price per second without/with audio: 360p $0.030/$0.040, 540p $0.040/$0.050,
    // 720p $0.050/$0.065, 1080p $0.095/$0.120 [S: public fal price tables checked 2026-10-04;
    // the same figures on eachlabs.ai's C1 pages].
    c1: table(q(3, 4, 5, 9.5), q(4, 5, 6.5, 12)),
  },
  // seeds/aigateway-pixverse-v5.6.md: "Per video second $0.080"; AIGateway takes no quality or
  // audio switch.
  aigateway: { "v5.6": { perSecondCents: each(8), audioPerSecondCents: each(0) } },
};

export const DEFAULT_PRICING: Pricing = {
  table: DEFAULT_PRICE_TABLE,
  providers: PROVIDER_PRICE_TABLES,
  centsPerCredit: 1,
};
