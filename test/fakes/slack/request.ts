// Request bodies as the Web API reads them: JSON, or a form (what @slack/web-api sends) whose
// JSON-valued fields (blocks, files, view…) arrive as JSON strings.

import type { IncomingMessage } from "node:http";
import type { Args } from "./web-api.ts";

/** Fields the Web API client sends JSON-encoded inside a form body. */
const JSON_FIELDS = new Set(["blocks", "attachments", "files", "view", "metadata"]);

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A Web API body's arguments; undefined when malformed. */
export function parseArgs(contentType: string, raw: Buffer): Args | undefined {
  if (contentType.startsWith("application/json")) {
    const json = raw.length === 0 ? {} : parseJson(raw.toString("utf8"));
    return typeof json === "object" && json !== null && !Array.isArray(json) ? (json as Args) : undefined;
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw.toString("utf8"))) {
    if (!JSON_FIELDS.has(key)) {
      args[key] = value;
      continue;
    }
    const parsed = parseJson(value);
    if (parsed === undefined) return undefined;
    args[key] = parsed;
  }
  return args;
}
