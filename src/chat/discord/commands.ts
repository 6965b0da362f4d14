// The two slash commands (Discord allows no top-level options beside subcommands, hence two) and
// the "Animate with framecast" message command,
// with typed options and choices from the model catalog (application-commands.mdx: 25 options,
// 25 choices, names lower-case). Registered by `framecast register-commands`.

import {
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
  ApplicationCommandOptionType as Type,
} from "discord.js";
import {
  MODEL_IDS,
  MOTIONS,
  PROMPT_MAX_CHARS,
  QUALITIES,
  RATIOS,
  SEED_MAX,
  SEED_MIN,
  STYLES,
  THINKING,
} from "../../core/catalog.ts";
import { CHAIN_SECONDS_MAX } from "../../core/extend.ts";
import { PREFERENCE_KEYS, SUFFIX_MAX_CHARS } from "../../core/preferences/preferences.ts";

const choices = (values: readonly string[]) => values.map((value) => ({ name: value, value }));

export const VIDEO_COMMAND: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: "video",
  type: ApplicationCommandType.ChatInput,
  description: "Make a video with PixVerse",
  options: [
    {
      type: Type.String,
      name: "prompt",
      description: "What happens in the video",
      required: true,
      max_length: PROMPT_MAX_CHARS,
    },
    {
      type: Type.Integer,
      name: "duration",
      description: "Seconds (model-dependent)",
      min_value: 1,
      max_value: 15,
      autocomplete: true,
    },
    {
      type: Type.String,
      name: "ratio",
      description: "Aspect ratio (model-dependent)",
      max_length: Math.max(...RATIOS.map((r) => r.length)),
      autocomplete: true,
    },
    { type: Type.String, name: "quality", description: "Resolution", choices: choices(QUALITIES) },
    { type: Type.String, name: "model", description: "PixVerse model", choices: choices(MODEL_IDS) },
    { type: Type.Boolean, name: "audio", description: "Generate sound" },
    { type: Type.String, name: "negative", description: "What to avoid", max_length: PROMPT_MAX_CHARS },
    {
      type: Type.Integer,
      name: "seed",
      description: "Seed, for repeatable results",
      min_value: SEED_MIN,
      max_value: SEED_MAX,
    },
    { type: Type.String, name: "style", description: "Visual style (v5.6)", choices: choices(STYLES) },
    { type: Type.String, name: "motion", description: "Motion speed (v5.6)", choices: choices(MOTIONS) },
    { type: Type.String, name: "thinking", description: "Prompt reasoning", choices: choices(THINKING) },
    { type: Type.Boolean, name: "shots", description: "Multi-shot: several cuts in one video (v6)" },
    { type: Type.Attachment, name: "image", description: "First frame (image-to-video)" },
    { type: Type.Attachment, name: "last_image", description: "Last frame (needs a first frame)" },
  ],
};

export const FRAMECAST_COMMAND: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: "framecast",
  type: ApplicationCommandType.ChatInput,
  description: "Your usage, help, models, and administration",
  options: [
    { type: Type.Subcommand, name: "usage", description: "What you have used and have left" },
    { type: Type.Subcommand, name: "help", description: "Every /video option" },
    { type: Type.Subcommand, name: "models", description: "The models, what they accept and cost" },
    { type: Type.Subcommand, name: "history", description: "Your recent videos" },
    {
      type: Type.Subcommand,
      name: "prefer",
      description: "Your own defaults for /video (none given: show them)",
      options: [
        { type: Type.String, name: "model", description: "Your model", choices: choices(MODEL_IDS) },
        { type: Type.String, name: "quality", description: "Your resolution", choices: choices(QUALITIES) },
        { type: Type.String, name: "ratio", description: "Your aspect ratio", choices: choices(RATIOS) },
        { type: Type.Boolean, name: "audio", description: "Sound on or off" },
        {
          type: Type.String,
          name: "suffix",
          description: "Added to the end of every prompt",
          max_length: SUFFIX_MAX_CHARS,
        },
        {
          type: Type.String,
          name: "clear",
          description: "Remove preferences instead of setting them",
          choices: choices(["all", ...PREFERENCE_KEYS]),
        },
      ],
    },
    {
      type: Type.Subcommand,
      name: "cancel",
      description: "Cancel your video in progress",
      options: [{ type: Type.String, name: "job", description: "Job id (default: your latest)" }],
    },
    {
      type: Type.Subcommand,
      name: "continue",
      description: "Grow a finished video by native extends, joined into one file",
      options: [
        { type: Type.String, name: "job", description: "Job id of the finished video", required: true },
        {
          type: Type.Integer,
          name: "seconds",
          description: "Seconds to add (default: one more segment)",
          min_value: 1,
          max_value: CHAIN_SECONDS_MAX,
        },
      ],
    },
    {
      type: Type.Subcommand,
      name: "admin",
      description: "Quotas, policies and settings (Manage Server or configured admins)",
      options: [
        {
          type: Type.String,
          name: "command",
          description: 'e.g. "quota set user:@ada videos:10"',
          required: true,
        },
      ],
    },
  ],
};

/** The message context-menu command (right-click a message → Apps): animate its image. */
export const ANIMATE_COMMAND_NAME = "Animate with framecast";
export const ANIMATE_COMMAND: RESTPostAPIContextMenuApplicationCommandsJSONBody = {
  name: ANIMATE_COMMAND_NAME,
  type: ApplicationCommandType.Message,
};

export const COMMANDS = [VIDEO_COMMAND, FRAMECAST_COMMAND, ANIMATE_COMMAND] as const;
