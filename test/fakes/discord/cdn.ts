// The fake's CDN: attachment bytes under `/attachments/{channel}/{id}/{name}` and, for files a user
// gave an interaction, `/ephemeral-attachments/{app}/{id}/{name}`, served over https (`listen`), as
// cdn.discordapp.com is. URLs carry `ex`/`is`/`hm` like Discord's signed CDN URLs (reference.mdx
// "Signed Attachment CDN URLs"); the fake ignores them.

import { randomBytes } from "node:crypto";
import type { Server } from "node:https";
import type { APIAttachment } from "discord-api-types/v10";
import { listenLoopbackTls } from "../tls.ts";

export interface CdnFile {
  readonly bytes: Buffer;
  readonly contentType: string;
}

export interface AttachmentInput {
  readonly filename: string;
  readonly bytes: Buffer;
  readonly contentType?: string;
  readonly description?: string;
  readonly width?: number;
  readonly height?: number;
}

const TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  mp4: "video/mp4",
  webm: "video/webm",
  txt: "text/plain; charset=utf-8",
};

export function guessType(filename: string): string {
  return TYPES[filename.split(".").pop()?.toLowerCase() ?? ""] ?? "application/octet-stream";
}

export class Cdn {
  readonly #files = new Map<string, CdnFile>();
  readonly #base: () => string;

  constructor(base: () => string) {
    this.#base = base;
  }

  /** Stores bytes and returns the attachment object Discord would report for them. */
  add(id: string, folder: string, input: AttachmentInput, ephemeral: boolean, now: number): APIAttachment {
    const contentType = input.contentType ?? guessType(input.filename);
    const path = `/${ephemeral ? "ephemeral-attachments" : "attachments"}/${folder}/${id}/${encodeURIComponent(input.filename)}`;
    this.#files.set(path, { bytes: input.bytes, contentType });
    const expires = Math.floor(now / 1000) + 24 * 3600;
    const query = `?ex=${expires.toString(16)}&is=${Math.floor(now / 1000).toString(16)}&hm=${randomBytes(32).toString("hex")}&`;
    const attachment: APIAttachment = {
      id,
      filename: input.filename,
      size: input.bytes.length,
      url: `${this.#base()}${path}${query}`,
      proxy_url: `${this.#base()}${path}${query}`,
      content_type: contentType,
    };
    if (input.description !== undefined) attachment.description = input.description;
    if (input.width !== undefined) attachment.width = input.width;
    if (input.height !== undefined) attachment.height = input.height;
    if (ephemeral) attachment.ephemeral = true;
    return attachment;
  }

  get(path: string): CdnFile | undefined {
    return this.#files.get(path);
  }

  /** Serves the files over https on a free loopback port. */
  listen(): Promise<{ server: Server; baseUrl: string }> {
    return listenLoopbackTls((req, res) => {
      const path = decodeURI(new URL(req.url ?? "/", "https://cdn").pathname);
      const file = req.method === "GET" ? this.get(path) : undefined;
      if (file === undefined) res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      else
        res
          .writeHead(200, { "content-type": file.contentType, "content-length": file.bytes.length })
          .end(file.bytes);
    });
  }
}
