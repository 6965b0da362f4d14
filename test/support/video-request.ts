import { type VideoRequest, videoRequestSchema } from "../../src/core/request.ts";
import type { HttpPolicy } from "../../src/providers/http.ts";

/** A valid request (8 s, 9:16, 720p, audio, v5.6 text-to-video) with the given changes. */
export const videoRequest = (over: Partial<VideoRequest> = {}): VideoRequest =>
  videoRequestSchema.parse({
    model: "v5.6",
    mode: "text-to-video",
    prompt: "a fox in snow",
    negativePrompt: null,
    duration: 8,
    ratio: "9:16",
    quality: "720p",
    audio: true,
    seed: null,
    style: null,
    motion: "normal",
    thinking: "auto",
    firstFrame: null,
    lastFrame: null,
    ...over,
  });

/** Retries without real waiting: backoff of 1–2 ms, Retry-After waits recorded in `sleeps`. */
export function testHttpPolicy(): { policy: HttpPolicy; sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    policy: {
      timeoutMs: 5_000,
      retries: 2,
      minDelayMs: 1,
      maxDelayMs: 2,
      sleep: async (ms) => void sleeps.push(ms),
    },
  };
}

/** Polls `status` until the job ends (fakes move on at every poll), at most `limit` times. */
export async function pollToEnd<S extends { state: string }>(
  status: () => Promise<S>,
  limit = 10,
): Promise<S> {
  for (let i = 0; i < limit; i++) {
    const s = await status();
    if (s.state !== "queued" && s.state !== "running") return s;
  }
  throw new Error(`still running after ${limit} polls`);
}
