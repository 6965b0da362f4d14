// Button ids, the same on every platform: `fc:<action>:<subject>` (subject: a job id, or the
// message an animate form is for). The id is all a click brings back, so it carries the whole
// address of the action; the state itself stays in the database. Each platform caps the length
// (Discord's custom_id 100 characters, Slack's action_id 255).

const PREFIX = "fc";

/** Matches every framecast button id (for routers such as bolt's `app.action`). */
export const BUTTON_ID_PATTERN = /^fc:[^:]+:/u;

/** The id for `action` on `subject`, or undefined when it would not fit in `maxLength`. */
export function encodeButtonId(action: string, subject: string, maxLength: number): string | undefined {
  const id = `${PREFIX}:${action}:${subject}`;
  return id.length <= maxLength && !action.includes(":") ? id : undefined;
}

export function decodeButtonId(id: string): { action: string; subject: string } | undefined {
  const match = /^fc:([^:]+):(.*)$/u.exec(id);
  if (match === null) return undefined;
  return { action: match[1] ?? "", subject: match[2] ?? "" };
}
