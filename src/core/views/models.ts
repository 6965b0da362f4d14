import { CATALOG, describeDurations, MODEL_IDS, type ModelSpec, PROMPT_MAX_CHARS } from "../catalog.ts";
import { type Pricing, priceRequest } from "../pricing.ts";
import type { VideoRequest } from "../request.ts";
import type { View } from "./view.ts";

const yes = (b: boolean): string => (b ? "yes" : "no");

function fastMotion(spec: ModelSpec): string {
  if (spec.fastMotion === null) return "no";
  return `${spec.fastMotion.durations.join(", ")} s${spec.fastMotion.not1080p ? ", not 1080p" : ""}`;
}

/** A plain text-to-video request at 720p with audio: what the price column quotes. */
const sample = (model: VideoRequest["model"], duration: number): VideoRequest => ({
  model,
  mode: "text-to-video",
  prompt: "a sample",
  negativePrompt: null,
  duration,
  ratio: "16:9",
  quality: "720p",
  audio: true,
  seed: null,
  style: null,
  motion: "normal",
  thinking: "auto",
  shots: false,
  firstFrame: null,
  lastFrame: null,
});

/** The catalog as a table, with the price of each model's shortest and longest video at 720p. */
export function modelsView(pricing?: Pricing): View {
  const rows = MODEL_IDS.map((id) => {
    const spec = CATALOG[id];
    const shortest = spec.durations[0] ?? 1;
    const longest = spec.durations[spec.durations.length - 1] ?? shortest;
    const cost = (duration: number): number => priceRequest(sample(id, duration), pricing).credits;
    return [
      spec.id,
      `${describeDurations(spec)} s`,
      spec.ratios.join(" "),
      spec.durationsNotAt1080p.length > 0
        ? `up to 1080p (not ${spec.durationsNotAt1080p.join(", ")} s)`
        : "up to 1080p",
      fastMotion(spec),
      spec.styles.length > 0 ? spec.styles.join(", ") : "none",
      yes(spec.audio),
      yes(spec.lastFrame),
      yes(spec.multiShot),
      `${cost(shortest)}–${cost(longest)} credits`,
    ];
  });
  return {
    tone: "info",
    title: "Models",
    blocks: [
      {
        kind: "table",
        headers: [
          "model",
          "duration",
          "ratios",
          "quality",
          "fast motion",
          "styles",
          "audio",
          "last frame",
          "multi-shot",
          "720p price",
        ],
        rows,
      },
      {
        kind: "text",
        text: `Every model takes a prompt up to ${PROMPT_MAX_CHARS} characters, a negative prompt, a seed, and a first-frame image.`,
      },
    ],
  };
}
