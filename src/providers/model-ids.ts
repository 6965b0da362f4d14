// What each provider calls a model, and which of the model's switches exist on the wire: all read
// from the catalog (core/catalog.ts), so a new model needs no change here.

import type { ProviderId, Support } from "../app/generation/ports.ts";
import { CATALOG, type ModelId, providerModel } from "../core/catalog.ts";
import { multiShotUnsupported } from "../core/multi-shot.ts";
import type { VideoRequest } from "../core/request.ts";
import { ProviderError } from "./errors.ts";

/** Undefined when `provider` offers `model`; else why not, in words. */
export function notOffered(provider: ProviderId, label: string, model: ModelId): Support | undefined {
  return providerModel(model, provider) === undefined
    ? { ok: false, reason: `${label} doesn't offer ${CATALOG[model].label}` }
    : undefined;
}

/** A refusal when `request` asks for multi-shot that `provider` doesn't carry (core/multi-shot.ts). */
export function shotsRefused(provider: ProviderId, request: VideoRequest): Support | undefined {
  const reason = multiShotUnsupported(provider, request);
  return reason === undefined ? undefined : { ok: false, reason };
}

/** The provider's id for `model`; a request that reached submit for a model it lacks is a bug. */
export function modelIdOn(provider: ProviderId, model: ModelId): string {
  const id = providerModel(model, provider);
  if (id === undefined)
    throw new ProviderError(provider, `no ${provider} id for ${CATALOG[model].label}`, { retryable: false });
  return id;
}

/** Models with a motion mode take motion_mode; the others have no such field. */
export const hasMotion = (model: ModelId): boolean => CATALOG[model].fastMotion !== null;

/** Models with a thinking switch take thinking_type; the others have no such field. */
export const hasThinking = (model: ModelId): boolean => CATALOG[model].thinking.length > 1;

/**
 * For a provider with no extend of its own: an extend request is not its to make (the engine
 * falls back to starting from the video's last frame where it can).
 */
export const noExtend = (label: string, request: VideoRequest): Support | undefined =>
  request.mode === "extend" ? { ok: false, reason: `${label} has no extend` } : undefined;
