// What framecast reads from Slack's inbound payloads, checked with zod before use (bolt verifies
// the signature, not the shape). Only the fields used are listed; Slack sends many more.
// Shapes: bolt-js src/types (SlashCommand, BlockAction, MessageShortcut, ViewSubmitAction) and
// @slack/types events; platforms.md §5 and §8.

import { z } from "zod";

const id = z.string().min(1).max(64);

/** A file on a message; only images are used (`url_private` needs the bot token). */
export const slackFileSchema = z.object({
  id,
  name: z.string().optional(),
  mimetype: z.string().optional(),
  url_private: z.url().optional(),
});
export type SlackFile = z.infer<typeof slackFileSchema>;

export const slashCommandSchema = z.object({
  command: z.string().regex(/^\/[\w-]{1,32}$/u),
  text: z.string().max(8_000),
  user_id: id,
  user_name: z.string().max(200).default(""),
  team_id: id,
  enterprise_id: id.optional(),
  channel_id: id,
  response_url: z.url().optional(),
  trigger_id: z.string().optional(),
});
export type SlashCommandPayload = z.infer<typeof slashCommandSchema>;

const userSchema = z.object({
  id,
  name: z.string().max(200).optional(),
  username: z.string().max(200).optional(),
});
const teamSchema = z.object({ id }).nullable().optional();

export const blockActionsSchema = z.object({
  type: z.literal("block_actions"),
  user: userSchema.extend({ team_id: id.optional() }),
  team: teamSchema,
  channel: z.object({ id }).optional(),
  container: z.object({ channel_id: id.optional(), message_ts: z.string().optional() }).optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  response_url: z.url().optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string().max(255),
        value: z.string().max(2000).optional(),
        /** When the click happened: Unix seconds with a fraction ("1700000000.123456"). */
        action_ts: z
          .string()
          .regex(/^\d{1,12}(?:\.\d{1,9})?$/u)
          .optional(),
      }),
    )
    .min(1),
});
export type BlockActionsPayload = z.infer<typeof blockActionsSchema>;

export const messageShortcutSchema = z.object({
  type: z.literal("message_action"),
  callback_id: z.string(),
  trigger_id: z.string(),
  user: userSchema.extend({ team_id: id.optional() }),
  team: teamSchema,
  channel: z.object({ id }),
  message: z.object({
    ts: z.string(),
    thread_ts: z.string().optional(),
    files: z.array(slackFileSchema).optional(),
  }),
  response_url: z.url().optional(),
});
export type MessageShortcutPayload = z.infer<typeof messageShortcutSchema>;

const stateValueSchema = z.object({
  type: z.string(),
  value: z.string().max(8_000).nullable().optional(),
  selected_option: z
    .object({ value: z.string().max(200) })
    .nullable()
    .optional(),
});

export const viewSubmissionSchema = z.object({
  type: z.literal("view_submission"),
  user: userSchema.extend({ team_id: id.optional() }),
  team: teamSchema,
  view: z.object({
    /** The modal's id: a submission sent twice names the same view. */
    id: id.optional(),
    callback_id: z.string(),
    private_metadata: z.string().max(3_000),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), stateValueSchema)) }),
  }),
});
export type ViewSubmissionPayload = z.infer<typeof viewSubmissionSchema>;

/** An app_mention (or message) event: a person's message, in a thread when thread_ts ≠ ts. */
export const mentionEventSchema = z.object({
  type: z.enum(["app_mention", "message"]),
  user: id,
  text: z.string().max(40_000).default(""),
  ts: z.string(),
  thread_ts: z.string().optional(),
  channel: id,
  bot_id: z.string().optional(),
  files: z.array(slackFileSchema).optional(),
});
export type MentionEvent = z.infer<typeof mentionEventSchema>;

/** conversations.replies' answer: the parent message comes first. */
export const repliesSchema = z.object({
  ok: z.literal(true),
  messages: z.array(z.object({ ts: z.string(), files: z.array(slackFileSchema).optional() })).default([]),
});

/** files.getUploadURLExternal's answer. */
export const uploadUrlSchema = z.object({ ok: z.literal(true), upload_url: z.url(), file_id: id });

/** files.completeUploadExternal's answer. */
export const completeUploadSchema = z.object({
  ok: z.literal(true),
  files: z.array(z.object({ id, title: z.string().optional() })).min(1),
});

/** files.info's answer, for the link a private file is fetched from (with the bot token). */
export const fileInfoSchema = z.object({
  ok: z.literal(true),
  file: z.object({ id, url_private: z.url() }),
});

/** files.list's answer (the fields used: a file's id and name). */
export const filesListSchema = z.object({
  ok: z.literal(true),
  files: z
    .array(
      z.object({
        id,
        name: z.string().optional(),
        user: z.string().optional(),
        permalink: z.string().optional(),
      }),
    )
    .default([]),
});

/** auth.test's answer: who the bot is in this workspace. */
export const authTestSchema = z.object({ ok: z.literal(true), user_id: id });

/** chat.postMessage's answer. */
export const postedSchema = z.object({ ok: z.literal(true), ts: z.string() });
