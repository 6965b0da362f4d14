// The model catalog: what each PixVerse model accepts and what each provider calls it. Adding a
// model is one entry in CATALOG below, with its providers' ids: validation, pricing, help, the
// Discord choices and every provider client read it from here.

export const QUALITIES = ["360p", "540p", "720p", "1080p"] as const;
export type Quality = (typeof QUALITIES)[number];

export const RATIOS = ["16:9", "4:3", "1:1", "3:4", "9:16", "2:3", "3:2", "21:9"] as const;
export type Ratio = (typeof RATIOS)[number];

export const STYLES = ["anime", "3d_animation", "clay", "comic", "cyberpunk"] as const;
export type Style = (typeof STYLES)[number];

export const MOTIONS = ["normal", "fast"] as const;
export type Motion = (typeof MOTIONS)[number];

export const THINKING = ["auto", "enabled", "disabled"] as const;
export type Thinking = (typeof THINKING)[number];

/** `extend` continues a finished video with the provider's own extend (never typed: a button's). */
export const MODES = ["text-to-video", "image-to-video", "transition", "extend"] as const;
export type Mode = (typeof MODES)[number];

export const PROMPT_MAX_CHARS = 2048;
export const SEED_MIN = 0;
export const SEED_MAX = 2147483647;

export interface ModelSpec {
  readonly id: string;
  readonly label: string;
  /** Allowed durations in whole seconds, ascending. */
  readonly durations: readonly number[];
  /** True when every whole second between the first and last duration is allowed. */
  readonly durationIsRange: boolean;
  readonly ratios: readonly Ratio[];
  readonly qualities: readonly Quality[];
  /** Durations that cannot be rendered at 1080p (PixVerse: "10 not allowed at 1080p" on v5.x). */
  readonly durationsNotAt1080p: readonly number[];
  /** Fast motion: null when the model has no motion mode, else the durations it works at. */
  readonly fastMotion: { readonly durations: readonly number[]; readonly not1080p: boolean } | null;
  readonly styles: readonly Style[];
  readonly audio: boolean;
  readonly firstFrame: boolean;
  readonly lastFrame: boolean;
  /** Values of `thinking` the model takes; just ["auto"] where it has no thinking switch. */
  readonly thinking: readonly Thinking[];
  /**
   * Multi-shot (`shots:on`): several cuts in one video. Which providers carry it is in
   * multi-shot.ts; a model without it makes one continuous shot.
   */
  readonly multiShot: boolean;
  /**
   * Each provider's own id for the model (keyed by provider id: pixverse, fal, replicate, runware,
   * cloudflare, lumenfall, aigateway). A provider not listed doesn't offer the model; the offline
   * preview renders any model.
   */
  readonly providers: Readonly<Partial<Record<string, string>>>;
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

// Sources, per model:
//  - v5.6: DESIGN.md "The product's contract"; reference/providers.md §1 (platform model "v5.6"),
//    §2 (fal-ai/pixverse/v5.6/…), §3 (pixverse/pixverse-v5.6), seeds/runware-pixverse-v5.6.md
//    (pixverse:1@7), seeds/cloudflare-pixverse-v5.6.md, seeds/lumenfall-…, seeds/aigateway-….
//  - v6: providers.md §1 (platform model "v6", 1–15 s, adds 2:3 3:2 21:9); fal-ai/pixverse/v6/…
//    (fal.ai/models/fal-ai/pixverse/v6/transition/llms.txt); runware.ai/docs/models/pixverse-v6
//    ("MODEL ID pixverse:1@8"); seeds/cloudflare-pixverse-v6.md (pixverse/v6).
//  - c1: providers.md §1 (platform model "c1", 1–15 s, the v6 ratios) [S]; fal-ai/pixverse/c1/
//    text-to-video, image-to-video and transition [S: public fal client catalogs]; C1's published
//    schemas show no style and no thinking switch (wavespeed.ai, jiekou.ai C1 pages) [S].
//  - "v6 Max" is offered by none of framecast's providers (only WaveSpeedAI lists it), so it is
//    not in the catalog.
const ENTRIES = {
  "v5.6": {
    id: "v5.6",
    label: "PixVerse v5.6",
    durations: [5, 8, 10],
    durationIsRange: false,
    ratios: ["16:9", "4:3", "1:1", "3:4", "9:16"],
    qualities: QUALITIES,
    durationsNotAt1080p: [10],
    fastMotion: { durations: [5], not1080p: true },
    styles: STYLES,
    audio: true,
    firstFrame: true,
    lastFrame: true,
    thinking: THINKING,
    // reference/providers.md §1: generate_multi_clip_switch is for v5.5 and v6, not v5.6.
    multiShot: false,
    providers: {
      pixverse: "v5.6",
      fal: "fal-ai/pixverse/v5.6",
      replicate: "pixverse/pixverse-v5.6",
      runware: "pixverse:1@7",
      cloudflare: "pixverse/v5.6",
      lumenfall: "pixverse-v5.6",
      aigateway: "pixverse/v5.6",
    },
  },
  v6: {
    id: "v6",
    label: "PixVerse v6",
    durations: range(1, 15),
    durationIsRange: true,
    ratios: RATIOS,
    qualities: QUALITIES,
    durationsNotAt1080p: [],
    fastMotion: null,
    styles: [],
    audio: true,
    firstFrame: true,
    lastFrame: true,
    thinking: THINKING,
    // providers.md §1 (generate_multi_clip_switch, v6); runware.ai/docs/models/pixverse-v6
    // multi-shot guide (settings.multiClip).
    multiShot: true,
    providers: {
      pixverse: "v6",
      fal: "fal-ai/pixverse/v6",
      replicate: "pixverse/pixverse-v6",
      runware: "pixverse:1@8",
      cloudflare: "pixverse/v6",
      aigateway: "pixverse/v6",
    },
  },
  c1: {
    id: "c1",
    label: "PixVerse C1",
    durations: range(1, 15),
    durationIsRange: true,
    ratios: RATIOS,
    qualities: QUALITIES,
    durationsNotAt1080p: [],
    fastMotion: null,
    styles: [],
    audio: true,
    firstFrame: true,
    lastFrame: true,
    thinking: ["auto"],
    // C1's published schemas show no multi-clip switch [S].
    multiShot: false,
    providers: { pixverse: "c1", fal: "fal-ai/pixverse/c1" },
  },
} satisfies Record<string, ModelSpec>;

export type ModelId = keyof typeof ENTRIES;
export const CATALOG: Readonly<Record<ModelId, ModelSpec>> = ENTRIES;
export const MODEL_IDS = Object.keys(ENTRIES) as [ModelId, ...ModelId[]];

/** What `provider` calls `model`, or undefined where it doesn't offer it. */
export function providerModel(model: ModelId, provider: string): string | undefined {
  return CATALOG[model].providers[provider];
}

export const DEFAULTS = {
  model: "v5.6",
  duration: 5,
  ratio: "16:9",
  quality: "720p",
  audio: true,
  motion: "normal",
  thinking: "auto",
  shots: false,
} as const satisfies {
  model: ModelId;
  duration: number;
  ratio: Ratio;
  quality: Quality;
  audio: boolean;
  motion: Motion;
  thinking: Thinking;
  shots: boolean;
};

export function modelSpec(id: ModelId): ModelSpec {
  return CATALOG[id];
}

/** "5, 8 or 10" / "1–15": how a model's durations read in a sentence. */
export function describeDurations(spec: ModelSpec): string {
  const d = spec.durations;
  if (spec.durationIsRange) return `${d[0]}–${d[d.length - 1]}`;
  return listWords(d.map(String));
}

/** ["a","b","c"] → "a, b or c". */
export function listWords(items: readonly string[], conjunction = "or"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}
