import type { VideoRequest } from "../../core/request.ts";
import { hasThinking, modelIdOn } from "../model-ids.ts";

// fal's PixVerse endpoints and their input fields (reference/providers.md §2): {model id}/
// text-to-video, /image-to-video and /transition (first_image_url, end_image_url), for v6 too
// (fal.ai/models/fal-ai/pixverse/v6/transition/llms.txt). `duration` is a string enum on v5.6
// ("5", "8", "10"); newer models declare an integer (v6: 1–15, sent as a number by public fal
// clients [S]), so only the models listed here get strings.
const STRING_DURATION = new Set(["fal-ai/pixverse/v5.6"]);

/**
 * Models with an extend endpoint on fal: fal-ai/pixverse/v6/extend takes `video_url`, prompt,
 * negative_prompt, style, resolution, an integer duration, generate_audio_switch and seed, billed
 * per second at v6's rates (fal.ai/models/fal-ai/pixverse/v6/extend/llms.txt). fal lists no v5.6
 * or C1 extend (only the older `pixverse/extend/fast`, with no 1080p), so those fall back.
 */
export const FAL_EXTEND_MODELS: ReadonlySet<string> = new Set(["v6"]);

/** e.g. fal-ai/pixverse/v5.6/text-to-video */
export function falEndpoint(request: Pick<VideoRequest, "model" | "mode">): string {
  return `${modelIdOn("fal", request.model)}/${request.mode}`;
}

export function falInput(request: VideoRequest): Record<string, unknown> {
  const common: Record<string, unknown> = {
    prompt: request.prompt,
    resolution: request.quality,
    duration: STRING_DURATION.has(modelIdOn("fal", request.model))
      ? String(request.duration)
      : request.duration,
    generate_audio_switch: request.audio,
    ...(hasThinking(request.model) ? { thinking_type: request.thinking } : {}),
    ...(request.negativePrompt === null ? {} : { negative_prompt: request.negativePrompt }),
    ...(request.style === null ? {} : { style: request.style }),
    ...(request.seed === null ? {} : { seed: request.seed }),
  };
  switch (request.mode) {
    case "text-to-video":
      return { ...common, aspect_ratio: request.ratio ?? "16:9" };
    case "image-to-video":
      return { ...common, image_url: request.firstFrame };
    case "extend": {
      const { thinking_type: _thinking, ...documented } = common;
      return { ...documented, video_url: request.source?.videoUrl };
    }
    case "transition":
      return {
        ...common,
        first_image_url: request.firstFrame,
        end_image_url: request.lastFrame,
        ...(request.ratio === null ? {} : { aspect_ratio: request.ratio }),
      };
  }
}
