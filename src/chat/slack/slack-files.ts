// Files the bot puts on Slack: the three-step upload (an upload URL, the bytes streamed to it,
// completion, shared or private), and finding a video the bot already shared in a channel.

import { createReadStream } from "node:fs";
import type { WebClient } from "@slack/web-api";
import { request } from "undici";
import { closedOrSelf } from "./closed.ts";
import { authTestSchema, completeUploadSchema, filesListSchema, uploadUrlSchema } from "./payloads.ts";

const UPLOAD_TIMEOUT_MS = 10 * 60_000;

export interface UploadFile {
  readonly path: string;
  readonly filename: string;
  readonly sizeBytes: number;
  readonly title: string;
  readonly share?: { channel_id: string; thread_ts?: string };
}

/**
 * Slack's three-step upload; returns the file's id. If a step after the first fails (the upload
 * URL refused the bytes, or completion failed, e.g. not_in_channel), the reserved file is deleted
 * so no orphan is left behind per try. (Whether Slack keeps the bytes of an upload that was never
 * completed is not documented; deleting it is harmless either way.)
 */
export async function uploadFile(client: WebClient, file: UploadFile): Promise<string> {
  const target = uploadUrlSchema.parse(
    await client.files.getUploadURLExternal({ filename: file.filename, length: file.sizeBytes }),
  );
  try {
    const sent = await request(target.upload_url, {
      method: "POST",
      headers: { "content-type": "application/octet-stream", "content-length": String(file.sizeBytes) },
      body: createReadStream(file.path),
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
    await sent.body.dump();
    if (sent.statusCode !== 200) throw new Error(`Slack's upload URL answered HTTP ${sent.statusCode}`);
    const files: [{ id: string; title: string }] = [{ id: target.file_id, title: file.title }];
    const done = completeUploadSchema.parse(
      await client.files.completeUploadExternal(
        file.share === undefined ? { files } : { files, ...file.share },
      ),
    );
    return done.files[0]?.id ?? target.file_id;
  } catch (error) {
    await client.files.delete({ file: target.file_id }).catch(() => undefined);
    throw closedOrSelf(error);
  }
}

/** Finds the bot's own files among a channel's latest (it knows its user id per workspace). */
export class SharedFiles {
  readonly #botUsers = new Map<string, string>();

  /** The file named `filename` that the bot itself shared among the channel's latest, if any. */
  async find(
    client: WebClient,
    workspaceId: string,
    channel: string,
    filename: string,
  ): Promise<{ id: string; permalink?: string | undefined } | undefined> {
    const bot = await this.#botUser(client, workspaceId);
    if (bot === undefined) return undefined;
    const listed = filesListSchema.safeParse(
      await client.files.list({ channel, user: bot, count: 50 }).catch(() => undefined),
    );
    if (!listed.success) return undefined;
    // Only the bot's own file counts: anyone could upload a file with that name.
    return listed.data.files.find((f) => f.name === filename && f.user === bot);
  }

  /** The bot's user id in a workspace (auth.test, once). */
  async #botUser(client: WebClient, workspaceId: string): Promise<string | undefined> {
    const known = this.#botUsers.get(workspaceId);
    if (known !== undefined) return known;
    const parsed = authTestSchema.safeParse(await client.auth.test().catch(() => undefined));
    if (!parsed.success) return undefined;
    this.#botUsers.set(workspaceId, parsed.data.user_id);
    return parsed.data.user_id;
  }
}
