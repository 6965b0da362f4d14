// "Animate with framecast": the modal a message shortcut opens (prompt, duration, optional ratio)
// and the reading of its submission. The message's image URLs and where to answer travel in the
// modal's private_metadata (≤ 3000 characters), checked with zod when the modal comes back.

import type { ModalView, PlainTextOption } from "@slack/types";
import { z } from "zod";
import type { ViewSubmissionPayload } from "./payloads.ts";

export const ANIMATE_CALLBACK_ID = "animate_with_framecast";

const DURATIONS = ["5", "8", "10"] as const;
const RATIOS = ["16:9", "4:3", "1:1", "3:4", "9:16"] as const;

const metadataSchema = z.object({
  team: z.string().min(1),
  channel: z.string().min(1),
  thread: z.string().optional(),
  images: z.array(z.url()).min(1).max(2),
  /**
   * The shortcut's response_url and when it came (ms): notices after the modal go through it, so
   * they reach the person even where the bot isn't a channel member (5 uses, 30 minutes).
   */
  respond: z.object({ url: z.url(), at: z.number().int() }).optional(),
});
export type AnimateMetadata = z.infer<typeof metadataSchema>;

const option = (value: string, text = value): PlainTextOption => ({
  text: { type: "plain_text", text },
  value,
});

export function animateModal(metadata: AnimateMetadata): ModalView {
  const frames = metadata.images.length === 2 ? "the two images as first and last frame" : "the image";
  return {
    type: "modal",
    callback_id: ANIMATE_CALLBACK_ID,
    title: { type: "plain_text", text: "Animate with framecast" },
    submit: { type: "plain_text", text: "Make the video" },
    close: { type: "plain_text", text: "Cancel" },
    private_metadata: JSON.stringify(metadata),
    blocks: [
      { type: "context", elements: [{ type: "mrkdwn", text: `framecast animates ${frames}.` }] },
      {
        type: "input",
        block_id: "prompt",
        label: { type: "plain_text", text: "What should happen?" },
        element: { type: "plain_text_input", action_id: "value", multiline: true, max_length: 2048 },
      },
      {
        type: "input",
        block_id: "duration",
        label: { type: "plain_text", text: "Duration (seconds)" },
        element: {
          type: "static_select",
          action_id: "value",
          initial_option: option("5"),
          options: DURATIONS.map((d) => option(d)),
        },
      },
      {
        type: "input",
        block_id: "ratio",
        optional: true,
        label: { type: "plain_text", text: "Aspect ratio (default: the image's)" },
        element: { type: "static_select", action_id: "value", options: RATIOS.map((r) => option(r)) },
      },
    ],
  };
}

export interface AnimateAnswers {
  readonly metadata: AnimateMetadata;
  readonly prompt: string;
  readonly duration?: string;
  readonly ratio?: string;
}

/** The submitted modal's answers; undefined when its metadata isn't ours (tampered or stale). */
export function readAnimateSubmission(payload: ViewSubmissionPayload): AnimateAnswers | undefined {
  let json: unknown;
  try {
    json = JSON.parse(payload.view.private_metadata);
  } catch {
    return undefined;
  }
  const metadata = metadataSchema.safeParse(json);
  if (!metadata.success) return undefined;
  const values = payload.view.state.values;
  const read = (block: string): string | undefined => {
    const v = values[block]?.value;
    const text = v?.selected_option?.value ?? v?.value ?? undefined;
    return text === null || text === undefined || text.trim() === "" ? undefined : text.trim();
  };
  const duration = read("duration");
  const ratio = read("ratio");
  return {
    metadata: metadata.data,
    prompt: read("prompt") ?? "",
    ...(duration === undefined ? {} : { duration }),
    ...(ratio === undefined ? {} : { ratio }),
  };
}
