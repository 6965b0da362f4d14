// Button ids: `fc:<action>:<subject>` (subject: a job id). Discord caps custom_id at 100 characters
// (components/reference.mdx "custom_id"), and the id is all a click brings back, so it carries the
// whole address of the action; the state itself stays in the database.

const PREFIX = "fc";
export const CUSTOM_ID_MAX = 100;

/** The button id for `action` on `subject`, or undefined when it would not fit Discord's limit. */
export function encodeCustomId(action: string, subject: string): string | undefined {
  const id = `${PREFIX}:${action}:${subject}`;
  return id.length <= CUSTOM_ID_MAX && !action.includes(":") ? id : undefined;
}

export function decodeCustomId(customId: string): { action: string; subject: string } | undefined {
  const match = /^fc:([^:]+):(.*)$/u.exec(customId);
  if (match === null) return undefined;
  return { action: match[1] ?? "", subject: match[2] ?? "" };
}
