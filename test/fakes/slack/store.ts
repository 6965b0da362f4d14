// What the fake Slack remembers: channel messages (with threads), ephemeral messages (from
// chat.postEphemeral and response_url), files (uploaded by people or by the bot), opened modals.

import type { World } from "./world.ts";

/** A file as the Web API describes it (`files.info`, `message.files`). */
export interface FileObject {
  readonly id: string;
  readonly created: number;
  readonly timestamp: number;
  readonly name: string;
  readonly title: string;
  readonly mimetype: string;
  readonly filetype: string;
  readonly pretty_type: string;
  readonly user: string;
  readonly size: number;
  readonly mode: "hosted";
  readonly is_external: false;
  readonly is_public: boolean;
  readonly url_private: string;
  readonly url_private_download: string;
  readonly permalink: string;
  readonly original_w?: number;
  readonly original_h?: number;
}

export interface StoredFile {
  readonly file: FileObject;
  readonly bytes: Buffer;
  /** Channels it was shared to (a bot upload: after files.completeUploadExternal). */
  readonly channels: string[];
}

export interface StoredMessage {
  readonly channel: string;
  readonly ts: string;
  readonly thread_ts?: string;
  /** A person's message (`user`) or the bot's (`bot_id`). */
  readonly user: string;
  readonly bot_id?: string;
  text: string;
  blocks?: unknown[];
  files?: FileObject[];
  deleted: boolean;
  /** How many times chat.update changed it. */
  updates: number;
}

export interface EphemeralMessage {
  readonly channel: string;
  readonly user: string;
  readonly thread_ts?: string;
  readonly text: string;
  readonly blocks?: unknown[];
  readonly via: "chat.postEphemeral" | "response_url";
}

/** A response_url: 5 uses within 30 minutes. */
export interface ResponseUrl {
  readonly id: string;
  readonly channel: string;
  readonly user: string;
  readonly issuedAt: number;
  uses: number;
}

export interface OpenedView {
  readonly id: string;
  readonly triggerId: string;
  readonly view: Record<string, unknown>;
}

/**
 * The bot's access to a channel, when not a full member: "post-only" (not a member, but
 * chat:write.public lets it post and edit its messages; ephemeral messages and file shares need
 * membership: not_in_channel), "none" (nothing goes: not_in_channel).
 */
export type ChannelAccess = "post-only" | "none";

export class Store {
  readonly messages: StoredMessage[] = [];
  /** Channels the bot isn't a member of (see ChannelAccess); others are open. */
  readonly access = new Map<string, ChannelAccess>();
  /** Upload URLs answer HTTP 500 this many more times (a failing file host). */
  failingUploads = 0;
  readonly ephemeral: EphemeralMessage[] = [];
  readonly files = new Map<string, StoredFile>();
  readonly responseUrls = new Map<string, ResponseUrl>();
  /** trigger_id → when it was issued (a trigger id opens one modal within 3 s). */
  readonly triggers = new Map<string, number>();
  readonly views: OpenedView[] = [];
  /** People users.info reports as workspace admins. */
  readonly admins = new Set<string>();
  /** files.getUploadURLExternal's pending uploads: file id → declared name and length. */
  readonly pendingUploads = new Map<
    string,
    { name: string; length: number; bytes?: Buffer; altText?: string }
  >();
  readonly world: World;

  constructor(world: World) {
    this.world = world;
    this.admins.add(world.carol.id);
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts && !m.deleted);
  }

  /** The parent and its replies, oldest first (conversations.replies). */
  thread(channel: string, ts: string): StoredMessage[] {
    const anchor = this.message(channel, ts);
    const root = anchor?.thread_ts ?? ts;
    return this.messages.filter(
      (m) => m.channel === channel && !m.deleted && (m.ts === root || m.thread_ts === root),
    );
  }

  /** not_in_channel, if the bot may not do `what` in `channel`. */
  refused(channel: string, what: "post" | "member"): string | undefined {
    const access = this.access.get(channel);
    if (access === undefined) return undefined;
    return access === "none" || what === "member" ? "not_in_channel" : undefined;
  }

  /** Uploads whose bytes arrived but that were never completed nor deleted: orphan files. */
  orphanUploads(): string[] {
    return [...this.pendingUploads].filter(([, p]) => p.bytes !== undefined).map(([id]) => id);
  }

  channelExists(channel: string): boolean {
    return channel === this.world.channel.id || /^[CGD][A-Z0-9]{8,}$/u.test(channel);
  }
}
