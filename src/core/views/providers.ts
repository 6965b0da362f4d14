// How each provider is named: short in reports and checks (doctor, usage), and on a job's message
// the service by its full name, where the offline preview says plainly it is not a PixVerse video.

const NAMES: Readonly<Record<string, string>> = {
  pixverse: "PixVerse",
  fal: "fal",
  replicate: "Replicate",
  runware: "Runware",
  cloudflare: "Cloudflare",
  lumenfall: "Lumenfall",
  aigateway: "AI Gateway",
  preview: "preview",
};

const ON_MESSAGES: Readonly<Record<string, string>> = {
  fal: "fal.ai",
  cloudflare: "Cloudflare Workers AI",
  preview: "framecast preview (offline) — not a PixVerse video",
};

export const providerName = (id: string): string => NAMES[id] ?? id;

export const providerLabel = (id: string): string => ON_MESSAGES[id] ?? providerName(id);
