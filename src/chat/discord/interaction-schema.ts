// An interaction that arrived over HTTP, checked before anything reads it
// (receiving-and-responding.mdx "Interaction Object"): the fields framecast uses must have their
// documented types; everything else Discord sends is kept as it came. The gateway's interactions
// come through discord.js's own connection and have the same shape.

import type { APIInteraction } from "discord.js";
import { z } from "zod";

const snowflake = z.string().regex(/^\d{1,20}$/u, "a snowflake");

const user = z.looseObject({
  id: snowflake,
  username: z.string(),
  global_name: z.string().nullish(),
});

const member = z.looseObject({
  user,
  nick: z.string().nullish(),
  roles: z.array(snowflake),
  permissions: z.string().regex(/^\d+$/u),
});

interface Option {
  readonly name: string;
  readonly type: number;
  readonly value?: string | number | boolean | undefined;
  readonly options?: readonly Option[] | undefined;
  readonly focused?: boolean | undefined;
}

const option: z.ZodType<Option> = z.lazy(() =>
  z.looseObject({
    name: z.string().max(100),
    type: z.number().int(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    options: z.array(option).max(25).optional(),
    focused: z.boolean().optional(),
  }),
);

const attachment = z.looseObject({ id: snowflake, url: z.string(), filename: z.string() });

const message = z.looseObject({
  id: snowflake,
  channel_id: snowflake,
  attachments: z.array(attachment).optional(),
});

/** APPLICATION_COMMAND and its AUTOCOMPLETE: a command, its options, resolved objects. */
const commandData = z.looseObject({
  name: z.string().max(100),
  type: z.number().int(),
  options: z.array(option).max(25).optional(),
  target_id: snowflake.optional(),
  resolved: z
    .looseObject({
      attachments: z.record(z.string(), attachment).optional(),
      messages: z.record(z.string(), message).optional(),
    })
    .optional(),
});

/** MESSAGE_COMPONENT and MODAL_SUBMIT: the custom id, and a modal's components. */
const customIdData = z.looseObject({
  custom_id: z.string().max(100),
  component_type: z.number().int().optional(),
  components: z.array(z.unknown()).optional(),
});

const base = {
  id: snowflake,
  application_id: snowflake,
  token: z.string().min(1).max(1000),
  version: z.literal(1),
  guild_id: snowflake.optional(),
  channel: z.looseObject({ id: snowflake }).optional(),
  channel_id: snowflake.optional(),
  member: member.optional(),
  user: user.optional(),
  attachment_size_limit: z.number().int().nonnegative().optional(),
};

export const interactionSchema = z.discriminatedUnion("type", [
  z.looseObject({ ...base, type: z.literal(1) }),
  z.looseObject({ ...base, type: z.literal(2), data: commandData }),
  z.looseObject({ ...base, type: z.literal(3), data: customIdData, message }),
  z.looseObject({ ...base, type: z.literal(4), data: commandData }),
  z.looseObject({ ...base, type: z.literal(5), data: customIdData, message: message.optional() }),
]);

/** The interaction in `json`, or what is wrong with it (never the token). */
export function parseInteraction(
  json: unknown,
): { ok: true; interaction: APIInteraction } | { ok: false; problem: string } {
  const parsed = interactionSchema.safeParse(json);
  if (parsed.success) return { ok: true, interaction: parsed.data as unknown as APIInteraction };
  const [issue] = parsed.error.issues;
  return {
    ok: false,
    problem: issue === undefined ? "invalid" : `${issue.path.join(".") || "interaction"}: ${issue.message}`,
  };
}
