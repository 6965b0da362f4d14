// Application command registration rules (application-commands.mdx; reference/platforms.md §1):
// CHAT_INPUT names 1–32 matching the regex below with lower-case letters where they exist,
// descriptions 1–100, ≤ 25 options, required options before optional ones, ≤ 25 choices.
// Bulk overwrite errors are keyed by the command's index: `0.options[2][CODE]` in discord.js.

import { ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import { type FormErrors, formError } from "./errors.ts";

type Path = readonly (string | number)[];
type Json = Record<string, unknown>;

const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const OPTION_TYPES = Object.values(ApplicationCommandOptionType).filter((v) => typeof v === "number");
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;

function validateName(name: unknown, errors: FormErrors, at: Path, chatInput: boolean): void {
  if (typeof name !== "string") {
    errors.add(at, formError.required());
  } else if (name.length < 1 || name.length > 32) {
    errors.add(at, formError.badLength(1, 32));
  } else if (chatInput && (!NAME.test(name) || name !== name.toLowerCase())) {
    errors.add(at, { code: "APPLICATION_COMMAND_INVALID_NAME", message: "Command name is invalid" });
  }
}

function validateDescription(description: unknown, errors: FormErrors, at: Path): void {
  if (typeof description !== "string") errors.add(at, formError.required());
  else if (description.length < 1 || description.length > 100) errors.add(at, formError.badLength(1, 100));
}

function validateOptions(options: unknown, errors: FormErrors, at: Path): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    errors.add(at, { code: "BASE_TYPE_ARRAY", message: "Must be an array." });
    return;
  }
  if (options.length > 25) errors.add(at, formError.maxLength(25));
  let optionalSeen = false;
  for (const [i, option] of (options as unknown[]).entries()) {
    const path = [...at, i];
    if (!isObject(option)) {
      errors.add(path, formError.required());
      continue;
    }
    validateName(option.name, errors, [...path, "name"], true);
    validateDescription(option.description, errors, [...path, "description"]);
    if (!OPTION_TYPES.includes(Number(option.type)))
      errors.add([...path, "type"], formError.choices(OPTION_TYPES));
    const nested =
      option.type === ApplicationCommandOptionType.Subcommand ||
      option.type === ApplicationCommandOptionType.SubcommandGroup;
    if (nested) validateOptions(option.options, errors, [...path, "options"]);
    if (option.required === true && optionalSeen) {
      errors.add(path, {
        code: "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
        message: "Required options must be placed before non-required options",
      });
    }
    if (option.required !== true && !nested) optionalSeen = true;
    validateChoices(option.choices, errors, [...path, "choices"]);
  }
}

function validateChoices(choices: unknown, errors: FormErrors, at: Path): void {
  if (!Array.isArray(choices)) return;
  if (choices.length > 25) errors.add(at, formError.maxLength(25));
  choices.forEach((choice: unknown, i) => {
    if (!isObject(choice)) return;
    const name = choice.name;
    if (typeof name !== "string" || name.length < 1 || name.length > 100) {
      errors.add([...at, i, "name"], formError.badLength(1, 100));
    }
    if (typeof choice.value === "string" && choice.value.length > 100) {
      errors.add([...at, i, "value"], formError.maxLength(100));
    }
  });
}

/** Validates a bulk-overwrite body (an array of commands); violations go into `errors`. */
export function validateCommands(body: unknown, errors: FormErrors): body is Json[] {
  if (!Array.isArray(body)) {
    errors.add([], { code: "BASE_TYPE_ARRAY", message: "Must be an array." });
    return false;
  }
  const seen = new Set<string>();
  for (const [i, command] of (body as unknown[]).entries()) {
    if (!isObject(command)) {
      errors.add([i], formError.required());
      continue;
    }
    const type = Number(command.type ?? ApplicationCommandType.ChatInput);
    const chatInput = type === ApplicationCommandType.ChatInput;
    validateName(command.name, errors, [i, "name"], chatInput);
    if (chatInput) validateDescription(command.description, errors, [i, "description"]);
    validateOptions(command.options, errors, [i, "options"]);
    const key = `${type}:${String(command.name)}`;
    if (seen.has(key)) {
      errors.add([i, "name"], {
        code: "APPLICATION_COMMANDS_DUPLICATE_NAME",
        message: "Application command names must be unique",
      });
    }
    seen.add(key);
  }
  return errors.empty;
}
