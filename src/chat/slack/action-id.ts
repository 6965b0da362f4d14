// Slack's button action ids: the shared `fc:<action>:<subject>` form, within Slack's
// 255-character action_id.

import { BUTTON_ID_PATTERN, decodeButtonId, encodeButtonId } from "../button-id.ts";

export const ACTION_ID_MAX = 255;

export const encodeActionId = (action: string, subject: string): string | undefined =>
  encodeButtonId(action, subject, ACTION_ID_MAX);

export const decodeActionId = decodeButtonId;

/** Matches every framecast button (for bolt's `app.action`). */
export const ACTION_ID_PATTERN = BUTTON_ID_PATTERN;
