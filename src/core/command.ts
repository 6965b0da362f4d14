import type { CommandError } from "./errors.ts";
import { parseCommand } from "./grammar/parse.ts";
import { type Cost, DEFAULT_PRICING, type Pricing, priceRequest } from "./pricing.ts";
import type { VideoRequest } from "./request.ts";
import { validateRaw, validateRequest } from "./validate.ts";

export type CheckedCommand =
  | { readonly ok: true; readonly request: VideoRequest; readonly cost: Cost }
  | { readonly ok: false; readonly errors: readonly CommandError[] };

/** Text of a /video command → the request it makes and what it costs, or every error in it. */
export function checkVideoCommand(text: string, pricing: Pricing = DEFAULT_PRICING): CheckedCommand {
  const parsed = parseCommand(text);
  const validated = validateRaw(parsed.raw);
  if (parsed.errors.length === 0 && validated.ok) {
    return { ok: true, request: validated.request, cost: priceRequest(validated.request, pricing) };
  }
  const errors = [...parsed.errors, ...(validated.ok ? [] : validated.errors)];
  return { ok: false, errors };
}

/** Typed options (Discord's /video) → the same result as the text path, through the same validator. */
export function checkVideoOptions(options: unknown, pricing: Pricing = DEFAULT_PRICING): CheckedCommand {
  const validated = validateRequest(options);
  if (!validated.ok) return validated;
  return { ok: true, request: validated.request, cost: priceRequest(validated.request, pricing) };
}
