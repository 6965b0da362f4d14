import { CATALOG } from "../catalog.ts";
import type { CommandError } from "../errors.ts";
import { jobRef } from "../jobs/ref.ts";
import { type Cost, formatUsd } from "../pricing.ts";
import type { VideoRequest } from "../request.ts";
import type { Block, View } from "./view.ts";

const MODE_LABELS: Readonly<Record<VideoRequest["mode"], string>> = {
  "text-to-video": "text to video",
  "image-to-video": "image to video",
  transition: "first + last frame",
  extend: "extend a video",
};

/** "8 s · 9:16 · 720p · audio on": the short line that follows a job everywhere. */
export function requestLine(request: VideoRequest): string {
  const parts = [
    `${request.duration} s`,
    request.ratio ?? (request.mode === "extend" ? "ratio of the video extended" : "ratio from image"),
    request.quality,
    request.audio ? "audio on" : "no audio",
    ...(request.shots ? ["multi-shot"] : []),
  ];
  return parts.join(" · ");
}

/** "56 credits ($0.56 list price)"; with a verb: "56 credits charged ($0.56 list price)". */
export function costLine(cost: Cost, verb?: string): string {
  const credits = `${cost.credits} credit${cost.credits === 1 ? "" : "s"}${verb === undefined ? "" : ` ${verb}`}`;
  return `${credits} (${formatUsd(cost.usdCents)} list price)`;
}

/**
 * The options a request carries beyond the Video line, each only when set: what the person asked
 * for, shown everywhere the request is (the check, the queued message, the finished video).
 */
export function optionFields(request: VideoRequest): [string, string][] {
  const fields: [string, string][] = [];
  if (request.style !== null) fields.push(["Style", request.style]);
  if (request.motion !== "normal") fields.push(["Motion", request.motion]);
  if (request.negativePrompt !== null) fields.push(["Avoid", request.negativePrompt]);
  if (request.seed !== null) fields.push(["Seed", String(request.seed)]);
  if (request.thinking !== "auto") fields.push(["Thinking", request.thinking]);
  if (request.firstFrame !== null) fields.push(["First frame", request.firstFrame]);
  if (request.lastFrame !== null) fields.push(["Last frame", request.lastFrame]);
  if (request.source !== undefined) fields.push(["Extends", jobRef(request.source.jobId)]);
  return fields;
}

/** What a command would do and cost, before anything runs. */
export function requestPreviewView(request: VideoRequest, cost: Cost, title = "Ready to generate"): View {
  const fields: [string, string][] = [
    ["Model", CATALOG[request.model].label],
    ["Mode", MODE_LABELS[request.mode]],
    ["Video", requestLine(request)],
    ["Cost", costLine(cost)],
    ...optionFields(request),
  ];
  const blocks: Block[] = [
    { kind: "text", text: request.prompt },
    { kind: "fields", items: fields },
  ];
  return { tone: "success", title, blocks };
}

const IN_CHAT = "Nothing was charged. Fix the command and send it again, or see /framecast help.";

/**
 * Every problem in a command, each with what is allowed; shown only to the person who typed it.
 * `after`: what to do next (in chat, that nothing was charged; `framecast check` charges nothing).
 */
export function commandErrorsView(errors: readonly CommandError[], after = IN_CHAT): View {
  const title =
    errors.length === 1 ? "That command has a problem" : `That command has ${errors.length} problems`;
  return {
    tone: "error",
    title,
    private: true,
    blocks: [
      { kind: "list", items: errors.map((e) => e.message) },
      { kind: "text", text: after },
    ],
  };
}
