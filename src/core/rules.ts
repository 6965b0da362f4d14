// The model-dependent rules of the catalog: which durations, ratios and combinations a model
// accepts. Each rule names the field, what is allowed, and the nearest valid value.

import {
  CATALOG,
  describeDurations,
  listWords,
  MODEL_IDS,
  type ModelSpec,
  type Motion,
  type Quality,
  type Ratio,
  type Style,
  type Thinking,
} from "./catalog.ts";
import { type CommandError, commandError } from "./errors.ts";
import { nearestNumber } from "./fields/index.ts";

const otherModels = (spec: ModelSpec): ModelSpec[] =>
  MODEL_IDS.filter((m) => m !== spec.id).map((m) => CATALOG[m]);

/** " v6 and c1 support 1–15." from models and what each says: the same words said once. */
function alsoSupport(models: readonly ModelSpec[], say: (m: ModelSpec) => string): string {
  const groups = new Map<string, string[]>();
  for (const m of models) groups.set(say(m), [...(groups.get(say(m)) ?? []), m.id]);
  return [...groups]
    .map(([words, ids]) => ` ${listWords(ids, "and")} support${ids.length === 1 ? "s" : ""} ${words}.`)
    .join("");
}

export function checkDuration(spec: ModelSpec, duration: number): CommandError | undefined {
  if (spec.durations.includes(duration)) return undefined;
  const suggestion = nearestNumber(duration, spec.durations, (d) => d);
  const others = alsoSupport(otherModels(spec), describeDurations);
  return commandError(
    "invalid_duration",
    "duration",
    `Duration ${duration} s isn't available. ${spec.id} supports ${describeDurations(spec)} seconds; did you mean ${suggestion}?${others}`,
    { given: String(duration), allowed: spec.durations.map(String), suggestion: String(suggestion) },
  );
}

const ratioValue = (r: string): number => {
  const [w, h] = r.split(":").map(Number);
  return (w ?? 1) / (h ?? 1);
};

export function checkRatio(spec: ModelSpec, ratio: string): { ratio?: Ratio; error?: CommandError } {
  const found = spec.ratios.find((r) => r === ratio);
  if (found !== undefined) return { ratio: found };
  const suggestion = nearestNumber(ratioValue(ratio), spec.ratios, ratioValue) ?? spec.ratios[0];
  const elsewhere = otherModels(spec).filter((o) => o.ratios.some((r) => r === ratio));
  const hint = alsoSupport(elsewhere, () => ratio);
  return {
    error: commandError(
      "invalid_ratio",
      "ratio",
      `Ratio ${ratio} isn't available. ${spec.id} supports ${listWords(spec.ratios)}; did you mean ${suggestion}?${hint}`,
      { given: ratio, allowed: spec.ratios, suggestion },
    ),
  };
}

export interface Combination {
  readonly duration: number;
  readonly quality: Quality;
  readonly motion: Motion;
  readonly style: Style | null;
  readonly thinking: Thinking;
  readonly shots: boolean;
}

/** Rules that involve more than one option (only run when each option is valid on its own). */
export function checkCombination(spec: ModelSpec, c: Combination): CommandError[] {
  return [
    ...qualityRule(spec, c),
    ...(c.motion === "fast" ? fastMotionRules(spec, c) : []),
    ...styleRule(spec, c),
    ...thinkingRule(spec, c),
    ...shotsRule(spec, c),
  ];
}

function qualityRule(spec: ModelSpec, c: Combination): CommandError[] {
  if (c.quality !== "1080p" || !spec.durationsNotAt1080p.includes(c.duration)) return [];
  const at1080 = spec.durations.filter((d) => !spec.durationsNotAt1080p.includes(d));
  return [
    commandError(
      "unsupported_combination",
      "quality",
      `${spec.id} can't make ${c.duration}-second videos at 1080p; use ${listWords(at1080.map(String))} seconds at 1080p, or 720p for ${c.duration} seconds.`,
      {
        given: `1080p at ${c.duration} s`,
        allowed: spec.qualities.filter((q) => q !== "1080p"),
        suggestion: "720p",
      },
    ),
  ];
}

function fastMotionRules(spec: ModelSpec, c: Combination): CommandError[] {
  const fast = spec.fastMotion;
  if (fast === null)
    return [
      commandError(
        "unsupported_combination",
        "motion",
        `${spec.id} has no motion mode; leave motion out${withFastMotion(spec)}.`,
        { given: "fast", allowed: ["normal"], suggestion: "normal" },
      ),
    ];
  const errors: CommandError[] = [];
  if (!fast.durations.includes(c.duration))
    errors.push(
      commandError(
        "unsupported_combination",
        "motion",
        `Fast motion on ${spec.id} works only at ${listWords(fast.durations.map(String))} seconds, not ${c.duration}.`,
        {
          given: `fast at ${c.duration} s`,
          allowed: fast.durations.map(String),
          suggestion: String(fast.durations[0]),
        },
      ),
    );
  if (fast.not1080p && c.quality === "1080p")
    errors.push(
      commandError(
        "unsupported_combination",
        "motion",
        `Fast motion on ${spec.id} doesn't work at 1080p; use 720p or lower.`,
        {
          given: "fast at 1080p",
          allowed: spec.qualities.filter((q) => q !== "1080p"),
          suggestion: "720p",
        },
      ),
    );
  return errors;
}

function styleRule(spec: ModelSpec, c: Combination): CommandError[] {
  if (c.style === null || spec.styles.includes(c.style)) return [];
  const withStyles = otherModels(spec).filter((o) => o.styles.includes(c.style as Style));
  const hint = withStyles.length > 0 ? ` (${withStyles.map((o) => o.id).join(", ")} has styles)` : "";
  return [
    commandError("unsupported_combination", "style", `${spec.id} has no styles; leave style out${hint}.`, {
      given: c.style,
      allowed: spec.styles,
    }),
  ];
}

function thinkingRule(spec: ModelSpec, c: Combination): CommandError[] {
  if (spec.thinking.includes(c.thinking)) return [];
  return [
    commandError(
      "unsupported_combination",
      "thinking",
      `${spec.id} has no thinking switch; leave thinking out.`,
      {
        given: c.thinking,
        allowed: spec.thinking,
        suggestion: spec.thinking[0],
      },
    ),
  ];
}

function shotsRule(spec: ModelSpec, c: Combination): CommandError[] {
  if (!c.shots || spec.multiShot) return [];
  const withShots = otherModels(spec)
    .filter((o) => o.multiShot)
    .map((o) => o.id);
  const instead = withShots.length === 0 ? "Leave" : `Add model:${withShots[0]} for several cuts, or leave`;
  return [
    commandError(
      "unsupported_combination",
      "shots",
      `${spec.id} has no multi-shot: it makes one continuous shot. ${instead} shots out.`,
      { given: "on", allowed: withShots, suggestion: withShots[0] },
    ),
  ];
}

/** " (v5.6 has motion:fast)", or nothing when no model has fast motion. */
function withFastMotion(spec: ModelSpec): string {
  const fast = otherModels(spec).filter((o) => o.fastMotion !== null);
  return fast.length === 0
    ? ""
    : ` (${listWords(
        fast.map((o) => o.id),
        "and",
      )} ${fast.length === 1 ? "has" : "have"} motion:fast)`;
}
