// Discord's button and modal ids: the shared `fc:<action>:<subject>` form, within Discord's
// 100-character custom_id (components/reference.mdx "custom_id").

import { decodeButtonId, encodeButtonId } from "../button-id.ts";

export const CUSTOM_ID_MAX = 100;

export const encodeCustomId = (action: string, subject: string): string | undefined =>
  encodeButtonId(action, subject, CUSTOM_ID_MAX);

export const decodeCustomId = decodeButtonId;
