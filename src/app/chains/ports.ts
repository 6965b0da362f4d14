import type { Conversation } from "../../core/chat-event.ts";
import type { Delivery, LocalVideo } from "../jobs/ports.ts";
import type { JobMessages } from "../ports.ts";

/** running → joining → done; or stopped (a segment failed, the quota ran out). */
export type ChainState = "running" | "joining" | "done" | "stopped";

/** A Continue chain as stored (the chains table). */
export interface ChainRecord {
  readonly id: string;
  /** Whose it is and where its messages go. */
  readonly conversation: Conversation;
  /** The asker's roles when it started (later segments reserve against the same quotas). */
  readonly roles: readonly string[];
  /** Delivered jobs the chain starts from, in order: their videos open the joined file. */
  readonly baseJobIds: readonly string[];
  /** The joined video's length once every segment is made. */
  readonly targetSeconds: number;
  readonly state: ChainState;
  readonly stopReason: string | undefined;
  /** Set once the joined video is posted, so a resumed join doesn't post it twice. */
  readonly joinedMessageId: string | undefined;
  readonly createdAt: Date;
}

export interface ChainStore {
  /** A new running chain; false if the id exists (the same click again). */
  create(
    chain: Pick<ChainRecord, "id" | "conversation" | "roles" | "baseJobIds" | "targetSeconds">,
  ): Promise<boolean>;
  get(id: string): Promise<ChainRecord | undefined>;
  /** The jobs of the chain's new segments, in order (chain_index 1, 2, …). */
  segmentIds(id: string): Promise<string[]>;
  /** Moves the chain from `from` to `to` if it is still in `from`; false if not. */
  transition(
    id: string,
    from: ChainState,
    to: ChainState,
    patch?: { readonly stopReason?: string },
  ): Promise<boolean>;
  /** Records the joined video's message. */
  setJoinedMessage(id: string, messageId: string): Promise<void>;
  /** Ids of chains still running or joining, least recently updated first (resumed after a restart). */
  openIds(limit: number): Promise<string[]>;
}

/** What the Continue use case needs of the chain engine. */
export interface ChainsDeps {
  readonly store: ChainStore;
  /**
   * Carries chain `id` one step on: accepts its next segment (its message posted through `chat`)
   * or joins the finished ones. Idempotent; the engine runs it again whenever a segment ends.
   */
  advance(id: string, chat: JobMessages): Promise<void>;
}

/** A joined file and what ffprobe says of it. */
export interface JoinedVideo extends LocalVideo {
  readonly durationSeconds: number;
  readonly hasAudio: boolean;
}

/** The video files a chain's join needs (media/video-files.ts). */
export interface ChainFiles {
  /** A finished job's video, made local (kept since delivery, or fetched again). */
  fetch(jobId: string, url: string): Promise<LocalVideo>;
  /** Joins `videos` in order into one file named after `name`, sound kept. */
  join(name: string, videos: readonly LocalVideo[]): Promise<JoinedVideo>;
  /** Fits a file to `limitBytes` (as is or re-encoded; a link where it can't). */
  fit(video: LocalVideo, limitBytes: number, url: string): Promise<Delivery>;
}
