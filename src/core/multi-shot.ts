// Which providers carry multi-shot (`shots:on`) and in which modes. The model side (only v6 has it)
// is in the catalog; this is the provider side, so every client refuses it the same way, before
// anything is reserved, with the same words.

import { CATALOG, listWords, MODEL_IDS, MODES, type Mode } from "./catalog.ts";
import type { VideoRequest } from "./request.ts";
import { providerName } from "./views/providers.ts";

const MODES_WITH_SHOTS: Readonly<Partial<Record<string, readonly Mode[]>>> = {
  // reference/providers.md §1: generate_multi_clip_switch on text/generate and img/generate; the
  // transition endpoint lists no such switch (nor do public v6 wrappers of it: "only supported in
  // text-to-video and image-to-video modes", docs.apimart.ai pixverse-v6).
  pixverse: ["text-to-video", "image-to-video"],
  // runware.ai/docs/models/pixverse-v6 multi-shot guide: settings.multiClip, with one or two
  // anchor frames.
  runware: MODES,
  // The offline preview renders whatever was asked.
  preview: MODES,
  // Not carried: fal's published v6 schemas (v6/transition and v6/extend llms.txt) list no
  // multi-clip field, and providers.md §2 has it only as [S]; Replicate, Cloudflare and the
  // gateways document none.
};

const PROVIDERS_WITH_SHOTS = ["pixverse", "runware"] as const;
const modelsWithShots = (): string[] => MODEL_IDS.filter((m) => CATALOG[m].multiShot);

/** "multi-shot needs v6 on PixVerse or Runware" */
export function multiShotNeeds(): string {
  return `multi-shot needs ${listWords(modelsWithShots())} on ${listWords(PROVIDERS_WITH_SHOTS.map(providerName))}`;
}

/** Why `provider` can't make `request`'s multi-shot, or undefined when it can (or none is asked). */
export function multiShotUnsupported(provider: string, request: VideoRequest): string | undefined {
  if (!request.shots) return undefined;
  const modes = MODES_WITH_SHOTS[provider];
  if (modes === undefined) return `${multiShotNeeds()}; this workspace uses ${providerName(provider)}`;
  if (!modes.includes(request.mode))
    return `${providerName(provider)}'s multi-shot starts from a prompt or one first frame, not from a first and a last frame: drop last_image or shots:on`;
  return undefined;
}
