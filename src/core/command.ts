import { explainDefaults, usedDefaults } from "./default-notes.ts";
import type { CommandError } from "./errors.ts";
import { parseCommand } from "./grammar/parse.ts";
import { type Cost, DEFAULT_PRICING, type Pricing, priceRequest } from "./pricing.ts";
import { type RawRequest, rawRequestSchema, type VideoRequest } from "./request.ts";
import { validateRaw, validateRequest } from "./validate.ts";

export type CheckedCommand =
  | { readonly ok: true; readonly request: VideoRequest; readonly cost: Cost }
  | { readonly ok: false; readonly errors: readonly CommandError[] };

/** A workspace's defaults for options a request leaves out (validated like typed options). */
export type RequestDefaults = Partial<Pick<RawRequest, "model" | "quality">>;

const withDefaults = (raw: RawRequest, defaults: RequestDefaults): RawRequest => ({
  ...raw,
  model: raw.model ?? defaults.model,
  quality: raw.quality ?? defaults.quality,
});

/**
 * Images that came with a command rather than in its text (a chat attachment, the message it
 * replies to): the first is the first frame, a second the last. The text's own image options win.
 */
export function withImages(raw: RawRequest, images: readonly string[]): RawRequest {
  const [first, last] = images;
  if (first === undefined || raw.firstFrame !== undefined) return raw;
  return {
    ...raw,
    firstFrame: first,
    ...(last === undefined || raw.lastFrame !== undefined ? {} : { lastFrame: last }),
  };
}

/** Text of a /video command → the request it makes and what it costs, or every error in it. */
export function checkVideoCommand(
  text: string,
  pricing: Pricing = DEFAULT_PRICING,
  defaults: RequestDefaults = {},
  images: readonly string[] = [],
): CheckedCommand {
  const parsed = parseCommand(text);
  const raw = withImages(parsed.raw, images);
  const validated = validateRaw(
    defaults.model === undefined && defaults.quality === undefined ? raw : withDefaults(raw, defaults),
  );
  if (parsed.errors.length === 0 && validated.ok) {
    return { ok: true, request: validated.request, cost: priceRequest(validated.request, pricing) };
  }
  const invalid = validated.ok ? [] : explainDefaults(validated.errors, usedDefaults(raw, defaults));
  return { ok: false, errors: [...parsed.errors, ...invalid] };
}

/** Typed options (Discord's /video) → the same result as the text path, through the same validator. */
export function checkVideoOptions(
  options: unknown,
  pricing: Pricing = DEFAULT_PRICING,
  defaults: RequestDefaults = {},
): CheckedCommand {
  const shaped = rawRequestSchema.safeParse(options);
  const validated = validateRequest(shaped.success ? withDefaults(shaped.data, defaults) : options);
  if (!validated.ok)
    return {
      ok: false,
      errors: shaped.success
        ? explainDefaults(validated.errors, usedDefaults(shaped.data, defaults))
        : validated.errors,
    };
  return { ok: true, request: validated.request, cost: priceRequest(validated.request, pricing) };
}
