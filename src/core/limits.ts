// A workspace's limits on what may be made at all (`/framecast admin limits`): the models it
// allows and the highest quality. They bind every request, typed options and preferences alike.

import { listWords, QUALITIES } from "./catalog.ts";
import type { VideoRequest } from "./request.ts";
import type { WorkspaceSettings } from "./settings.ts";

const rank = (quality: string): number => QUALITIES.findIndex((q) => q === quality);

export type Limits = Pick<WorkspaceSettings, "allowedModels" | "maxQuality">;

export const modelAllowed = (limits: Limits, model: string): boolean =>
  limits.allowedModels.length === 0 || limits.allowedModels.includes(model);

export const qualityAllowed = (limits: Limits, quality: string): boolean =>
  limits.maxQuality === null || rank(quality) <= rank(limits.maxQuality);

/** Why this workspace doesn't make `request`, or undefined when its limits allow it. */
export function checkLimits(
  limits: Limits,
  request: Pick<VideoRequest, "model" | "quality">,
): string | undefined {
  const problems: string[] = [];
  if (!modelAllowed(limits, request.model))
    problems.push(
      `This workspace allows only ${listWords(limits.allowedModels)} (set by an admin), not ${request.model}: use model:${limits.allowedModels[0]}.`,
    );
  if (!qualityAllowed(limits, request.quality))
    problems.push(
      `This workspace allows up to ${limits.maxQuality} (set by an admin), not ${request.quality}: use quality:${limits.maxQuality}.`,
    );
  return problems.length === 0 ? undefined : `${problems.join(" ")} Nothing was charged.`;
}
