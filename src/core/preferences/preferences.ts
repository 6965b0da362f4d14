// A person's own defaults (`/framecast prefer`): what their /video uses for an option they leave
// out, before the workspace's defaults and the built-in ones. Stored per (platform, workspace,
// user); every stored value passes this schema on the way in and out.

import { z } from "zod";
import { MODEL_IDS, QUALITIES, RATIOS } from "../catalog.ts";
import { codePointLength } from "../text.ts";

/** The longest prompt suffix, in code points: it is added to every prompt, within its 2048. */
export const SUFFIX_MAX_CHARS = 300;

export const PREFERENCE_KEYS = ["model", "quality", "ratio", "audio", "suffix"] as const;
export type PreferenceKey = (typeof PREFERENCE_KEYS)[number];

export const preferencesSchema = z
  .object({
    model: z.enum(MODEL_IDS),
    quality: z.enum(QUALITIES),
    ratio: z.enum(RATIOS),
    audio: z.boolean(),
    suffix: z
      .string()
      .trim()
      .min(1)
      .refine((s) => codePointLength(s) <= SUFFIX_MAX_CHARS, `at most ${SUFFIX_MAX_CHARS} characters`),
  })
  .partial()
  .strict();

export type Preferences = z.infer<typeof preferencesSchema>;

/** What each preference is shown as, in the order `/framecast prefer` lists them. */
export function preferenceLines(p: Preferences): [string, string][] {
  const lines: [string, string][] = [];
  if (p.model !== undefined) lines.push(["Model", p.model]);
  if (p.quality !== undefined) lines.push(["Quality", p.quality]);
  if (p.ratio !== undefined) lines.push(["Ratio", p.ratio]);
  if (p.audio !== undefined) lines.push(["Audio", p.audio ? "on" : "off"]);
  if (p.suffix !== undefined) lines.push(["Prompt suffix", p.suffix]);
  return lines;
}

/** "a fox in snow" + "cinematic light" → "a fox in snow, cinematic light" (no comma after a stop). */
export function withSuffix(prompt: string, suffix: string): string {
  const base = prompt.trimEnd();
  return /[.,;:!?]$/u.test(base) ? `${base} ${suffix}` : `${base}, ${suffix}`;
}
