// Request bodies as Discord reads them: JSON, or multipart/form-data with the JSON in
// `payload_json` and uploads in `files[n]` (reference.mdx "Uploading Files"). Uploaded bytes are kept.

import type { IncomingMessage } from "node:http";

export interface UploadedFile {
  /** Form field, e.g. `files[0]`; `n` matches `attachments[].id` in the payload. */
  readonly field: string;
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly bytes: Buffer;
}

export interface ParsedBody {
  readonly json: unknown;
  readonly files: readonly UploadedFile[];
  readonly multipart: boolean;
}

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses a body; `undefined` when the JSON (or `payload_json`) is malformed. */
export async function parseBody(contentType: string, raw: Buffer): Promise<ParsedBody | undefined> {
  if (contentType.startsWith("multipart/form-data")) {
    const form = await new Request("http://discord.invalid/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: raw,
    }).formData();
    const files: UploadedFile[] = [];
    let json: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === "string") {
        if (field !== "payload_json") continue;
        json = parseJson(value);
        if (json === undefined) return undefined;
        continue;
      }
      const bytes = Buffer.from(await value.arrayBuffer());
      files.push({ field, name: value.name, contentType: value.type, size: bytes.length, bytes });
    }
    return { json, files, multipart: true };
  }
  if (raw.length === 0) return { json: undefined, files: [], multipart: false };
  const json = parseJson(raw.toString("utf8"));
  return json === undefined ? undefined : { json, files: [], multipart: false };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
