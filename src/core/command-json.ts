import type { CheckedCommand } from "./command.ts";
import type { CommandError } from "./errors.ts";

type JsonError = Pick<CommandError, "code" | "field" | "message" | "allowed" | "suggestion">;

/** The stable JSON form of a checked command (`framecast check --json`), keys in a fixed order. */
export function checkedCommandJson(checked: CheckedCommand): Record<string, unknown> {
  if (checked.ok) {
    const r = checked.request;
    return {
      ok: true,
      request: {
        model: r.model,
        mode: r.mode,
        prompt: r.prompt,
        negativePrompt: r.negativePrompt,
        duration: r.duration,
        ratio: r.ratio,
        quality: r.quality,
        audio: r.audio,
        seed: r.seed,
        style: r.style,
        motion: r.motion,
        thinking: r.thinking,
        shots: r.shots,
        firstFrame: r.firstFrame,
        lastFrame: r.lastFrame,
      },
      cost: { credits: checked.cost.credits, usdCents: checked.cost.usdCents },
    };
  }
  return {
    ok: false,
    errors: checked.errors.map((e) => {
      const out: { -readonly [K in keyof JsonError]: JsonError[K] } = {
        code: e.code,
        field: e.field,
        message: e.message,
      };
      if (e.allowed !== undefined) out.allowed = e.allowed;
      if (e.suggestion !== undefined) out.suggestion = e.suggestion;
      return out;
    }),
  };
}
