import { createHash } from "node:crypto";
import { frameSize } from "../../core/frame-size.ts";
import type { VideoRequest } from "../../core/request.ts";

// Runware's videoInference task (reference/providers.md §4, seeds/runware-pixverse-v5.6.md).

/**
 * PixVerse v5.6 (pixverse:1@7) takes audio, style and thinking in providerSettings.pixverse
 * (seeds/runware-pixverse-v5.6.md). Later models take theirs in a top-level `settings` object
 * (runware.ai/docs/models/pixverse-v6, multi-shot guide: "flip settings.multiClip on"); its
 * documented keys are audio and multiClip (a boolean, sent only for shots:on).
 */
const PROVIDER_SETTINGS = new Set(["pixverse:1@7"]);
export const takesProviderSettings = (model: string): boolean => PROVIDER_SETTINGS.has(model);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/iu;

/**
 * Runware's taskUUID is chosen by the client and must be a UUID v4: the job's idempotency key
 * when it is one, else a v4-shaped UUID derived from it, so a resubmission reuses the task.
 */
export function taskUuid(idempotencyKey: string): string {
  if (UUID.test(idempotencyKey)) return idempotencyKey.toLowerCase();
  const h = createHash("sha256").update(idempotencyKey).digest("hex");
  const variant = ((Number.parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function runwareTask(
  request: VideoRequest,
  model: string,
  uuid: string,
  webhookUrl: string | undefined,
): Record<string, unknown> {
  const frames = [
    ...(request.firstFrame === null ? [] : [{ image: request.firstFrame, frame: "first" }]),
    ...(request.lastFrame === null ? [] : [{ image: request.lastFrame, frame: "last" }]),
  ];
  // With images, the resolution preset follows their shape; without, the size sets the ratio.
  const size =
    frames.length === 0 || request.ratio !== null
      ? frameSize(request.ratio ?? "16:9", request.quality)
      : { resolution: request.quality };
  return {
    taskType: "videoInference",
    taskUUID: uuid,
    model,
    positivePrompt: request.prompt,
    ...(request.negativePrompt === null ? {} : { negativePrompt: request.negativePrompt }),
    ...size,
    duration: request.duration,
    ...(request.seed === null ? {} : { seed: request.seed }),
    ...(frames.length === 0 ? {} : { inputs: { frameImages: frames } }),
    ...(takesProviderSettings(model)
      ? {
          providerSettings: {
            pixverse: {
              audio: request.audio,
              thinking: request.thinking,
              ...(request.style === null ? {} : { style: request.style }),
            },
          },
        }
      : { settings: { audio: request.audio, ...(request.shots ? { multiClip: true } : {}) } }),
    outputType: "URL",
    outputFormat: "MP4",
    deliveryMethod: "async",
    includeCost: true,
    ...(webhookUrl === undefined ? {} : { webhookURL: webhookUrl }),
  };
}
