// How each provider is named on a job's message. The offline preview says plainly that it is not
// a PixVerse video.

const LABELS: Readonly<Record<string, string>> = {
  pixverse: "PixVerse",
  fal: "fal.ai",
  replicate: "Replicate",
  runware: "Runware",
  cloudflare: "Cloudflare Workers AI",
  lumenfall: "Lumenfall",
  aigateway: "AI Gateway",
  preview: "framecast preview (offline) — not a PixVerse video",
};

export const providerLabel = (id: string): string => LABELS[id] ?? id;
