import { CATALOG } from "./catalog.ts";
import { explainDefaults, usedDefaults } from "./default-notes.ts";
import type { CommandError } from "./errors.ts";
import { readModel } from "./fields/index.ts";
import { parseCommand } from "./grammar/parse.ts";
import { withSuffix } from "./preferences/preferences.ts";
import { type Cost, DEFAULT_PRICING, type Pricing, priceRequest } from "./pricing.ts";
import { type RawRequest, rawRequestSchema, type VideoRequest } from "./request.ts";
import type { RequestDefaults } from "./request-defaults.ts";
import { validateRaw, validateRequest } from "./validate.ts";

export type { RequestDefaults } from "./request-defaults.ts";

export type CheckedCommand =
  | {
      readonly ok: true;
      readonly request: VideoRequest;
      readonly cost: Cost;
      /** Preferences that couldn't apply, and why: said to the person with the job. */
      readonly notes?: readonly string[];
    }
  | { readonly ok: false; readonly errors: readonly CommandError[] };

/** The request with its defaults filled in, and what was said about a preference set aside. */
function withDefaults(raw: RawRequest, d: RequestDefaults): { raw: RawRequest; notes: string[] } {
  const notes: string[] = [];
  const aside = d.setAside ?? {};
  for (const field of ["model", "quality", "suffix"] as const) {
    const note = aside[field];
    if (note !== undefined && (field === "suffix" || raw[field] === undefined)) notes.push(note);
  }
  const model = raw.model ?? d.model;
  const ratio =
    raw.ratio === undefined && d.ratio !== undefined ? ratioFor(raw, model, d.ratio, notes) : undefined;
  const prompt = raw.prompt;
  return {
    raw: {
      ...raw,
      ...(model === undefined ? {} : { model }),
      ...((raw.quality ?? d.quality) === undefined ? {} : { quality: raw.quality ?? d.quality }),
      ...((raw.audio ?? d.audio) === undefined ? {} : { audio: raw.audio ?? d.audio }),
      ...(ratio === undefined ? {} : { ratio }),
      ...(d.suffix !== undefined && prompt !== undefined && prompt.trim() !== ""
        ? { prompt: withSuffix(prompt, d.suffix) }
        : {}),
    },
    notes,
  };
}

/** The preferred ratio, where the request can take it: no picture (it decides) and a model that has it. */
function ratioFor(
  raw: RawRequest,
  model: string | undefined,
  ratio: string,
  notes: string[],
): string | undefined {
  if (raw.firstFrame !== undefined) {
    notes.push(
      `Your preferred ratio ${ratio} wasn't used: with a picture, its shape decides (add ratio: to choose).`,
    );
    return undefined;
  }
  const read = readModel(model ?? "v5.6");
  if (!read.ok) return undefined;
  if (CATALOG[read.value].ratios.some((r) => r === ratio)) return ratio;
  notes.push(`Your preferred ratio ${ratio} isn't available on ${read.value}, so its default was used.`);
  return undefined;
}

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

const accepted = (request: VideoRequest, pricing: Pricing, notes: readonly string[]): CheckedCommand => ({
  ok: true,
  request,
  cost: priceRequest(request, pricing),
  ...(notes.length === 0 ? {} : { notes }),
});

/** Text of a /video command → the request it makes and what it costs, or every error in it. */
export function checkVideoCommand(
  text: string,
  pricing: Pricing = DEFAULT_PRICING,
  defaults: RequestDefaults = {},
  images: readonly string[] = [],
): CheckedCommand {
  const parsed = parseCommand(text);
  const raw = withImages(parsed.raw, images);
  const filled = withDefaults(raw, defaults);
  const validated = validateRaw(filled.raw);
  if (parsed.errors.length === 0 && validated.ok) return accepted(validated.request, pricing, filled.notes);
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
  const filled = shaped.success ? withDefaults(shaped.data, defaults) : undefined;
  const validated = validateRequest(filled === undefined ? options : filled.raw);
  if (!validated.ok)
    return {
      ok: false,
      errors: shaped.success
        ? explainDefaults(validated.errors, usedDefaults(shaped.data, defaults))
        : validated.errors,
    };
  return accepted(validated.request, pricing, filled?.notes ?? []);
}
