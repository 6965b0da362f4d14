// Button action ids: `fc:<action>:<subject>` (subject: a job id), as on Discord. Slack caps
// action_id at 255 characters; the id (and the button's value, the job id) is all a click brings
// back, so it carries the whole address of the action; the state itself stays in the database.

const PREFIX = "fc";
export const ACTION_ID_MAX = 255;

/** The action id for `action` on `subject`, or undefined when it would not fit Slack's limit. */
export function encodeActionId(action: string, subject: string): string | undefined {
  const id = `${PREFIX}:${action}:${subject}`;
  return id.length <= ACTION_ID_MAX && !action.includes(":") ? id : undefined;
}

export function decodeActionId(actionId: string): { action: string; subject: string } | undefined {
  const match = /^fc:([^:]+):(.*)$/u.exec(actionId);
  if (match === null) return undefined;
  return { action: match[1] ?? "", subject: match[2] ?? "" };
}

/** Matches every framecast button (for bolt's `app.action`). */
export const ACTION_ID_PATTERN = /^fc:[^:]+:/u;
