import type { Conversation } from "../../core/chat-event.ts";
import type { JobFailureCode } from "../../core/jobs/failures.ts";
import type { NextState } from "../../core/jobs/machine.ts";
import type { JobState } from "../../core/jobs/states.ts";
import type { Cost } from "../../core/pricing.ts";
import type { CounterPlan, Requester, Usage } from "../../core/quota/policy.ts";
import type { QuotaBreach } from "../../core/quota/refusal.ts";
import type { VideoRequest } from "../../core/request.ts";
import type { ProviderJob } from "../generation/ports.ts";
import type { ProviderRouter } from "../generation/router.ts";

/** A job as stored (the jobs table), as the engine sees it. */
export interface JobRecord {
  readonly id: string;
  readonly conversation: Conversation;
  readonly request: VideoRequest;
  readonly cost: Cost;
  readonly state: JobState;
  readonly progress: number;
  readonly provider: ProviderJob | undefined;
  readonly messageId: string | undefined;
  /** Set once the finished video has been posted, so a resumed delivery doesn't post it twice. */
  readonly videoMessageId: string | undefined;
  readonly resultUrl: string | undefined;
  readonly seedUsed: number | undefined;
  readonly error: string | undefined;
  /** When delivery began; the delivery deadline counts from here. */
  readonly deliveryStartedAt: Date | undefined;
  /** Tries to post the video that failed so far. */
  readonly deliveryFailures: number;
  readonly createdAt: Date;
  readonly startedAt: Date | undefined;
  readonly finishedAt: Date | undefined;
  /** Set on a Continue chain's segment: the chain and its place in it (1, 2, …). */
  readonly chain?: ChainPlace;
}

/** Where a job sits in a Continue chain. */
export interface ChainPlace {
  readonly id: string;
  readonly index: number;
}

export interface JobPatch {
  readonly progress?: number;
  readonly videoMessageId?: string;
  readonly provider?: ProviderJob;
  readonly resultUrl?: string;
  readonly seedUsed?: number;
  readonly errorCode?: JobFailureCode;
  readonly error?: string;
  readonly startedAt?: Date;
  readonly finishedAt?: Date;
  readonly deliveryStartedAt?: Date;
}

/**
 * How many jobs may be worked on at once (submitting, running or delivering; a delivery that
 * failed once and waits to try again holds no slot); null: no cap.
 */
export interface ConcurrencyCaps {
  readonly perUser: number | null;
  readonly perWorkspace: number | null;
  /** Across every workspace: what the provider account runs at once. */
  readonly global: number | null;
}

export interface JobStore {
  get(id: string): Promise<JobRecord | undefined>;
  /** Moves a job from `from` to `to` (with the patch) if it is still in `from`; false if not. */
  transition<F extends JobState>(id: string, from: F, to: NextState<F>, patch?: JobPatch): Promise<boolean>;
  /** Updates progress (or other facts) without changing the state. */
  patch(id: string, patch: JobPatch): Promise<void>;
  /** Counts a failed try to post the job's video; returns how many have failed. */
  recordDeliveryFailure(id: string): Promise<number>;
  /** Records the job's message; returns the job's state then (it may have moved on meanwhile). */
  setMessage(id: string, messageId: string): Promise<JobState | undefined>;
  /**
   * Moves a queued job to `submitting` if the concurrency caps leave room for it, as one atomic
   * step: two instances (or workers) claiming at once cannot both take the last slot. The
   * workspace's own caps (set by its admins) override the defaults in `caps`.
   */
  claimSlot(id: string, caps: ConcurrencyCaps, startedAt: Date): Promise<"claimed" | "busy" | "not_queued">;
  /** Ids of jobs that have not ended, least recently updated first (for recovery after a restart). */
  openJobIds(limit: number): Promise<string[]>;
  /** The job a provider knows by `providerJobId` (for webhooks). */
  findByProviderJob(provider: string, providerJobId: string): Promise<JobRecord | undefined>;
  /** How many jobs are in each state (for metrics). */
  countByState(): Promise<Record<string, number>>;
  /** The person's most recent job that has not ended, if any. */
  latestOpen(by: { platform: string; workspaceId: string; userId: string }): Promise<JobRecord | undefined>;
  /** The person's `limit` most recent jobs in this workspace, newest first (any state). */
  recentFor(
    by: { platform: string; workspaceId: string; userId: string },
    limit: number,
  ): Promise<JobRecord[]>;
  /** Ids of jobs in this workspace that start with `prefix` (a typed short id), at most `limit`. */
  idsStartingWith(
    where: { platform: string; workspaceId: string },
    prefix: string,
    limit: number,
  ): Promise<string[]>;
  /** 1 + the number of queued jobs accepted before this one. */
  queuePosition(id: string): Promise<number>;
  /** Seconds recent delivered jobs took for this model, duration and quality. */
  recentDurations(request: Pick<VideoRequest, "model" | "duration" | "quality">): Promise<number[]>;
}

export type Acceptance =
  /** `queuePosition`: 1 + the queued jobs accepted before it, as `JobStore.queuePosition` counts. */
  | { readonly ok: true; readonly jobId: string; readonly queuePosition: number }
  | { readonly ok: false; readonly breach: QuotaBreach }
  /** This job id was accepted before: the same request delivered again. Nothing was reserved. */
  | { readonly ok: false; readonly duplicate: true };

/**
 * Accepting a request is one transaction (on SQL, one statement: one round trip): the quota
 * reservation, the job row and the queue entry all happen, or none does; it answers with the
 * job's place in line too.
 */
export interface JobAcceptance {
  accept(input: {
    readonly jobId: string;
    readonly requester: Requester;
    readonly conversation: Conversation;
    readonly request: VideoRequest;
    readonly cost: Cost;
    readonly usage: Usage;
    /** The counters the reservation moves (planCounters). */
    readonly counters: readonly CounterPlan[];
    /**
     * A button's job (app/jobs/click.ts): a duplicate too if any of `jobIds` exists (the same
     * click in a neighbouring time window); checked under `lock` in the same transaction.
     */
    readonly repeatOf?: { readonly jobIds: readonly string[]; readonly lock: string };
    /** A Continue chain's segment: recorded on the job, so the chain finds its segments. */
    readonly chain?: ChainPlace;
  }): Promise<Acceptance>;
}

/** The durable queue the engine schedules its next step on. */
export interface JobQueue {
  /** Runs the job's next step after `delaySeconds` (0: as soon as a worker is free). */
  schedule(jobId: string, delaySeconds: number): Promise<void>;
}

/** A finished video, made local: a file the chat adapter can upload. */
export interface LocalVideo {
  readonly path: string;
  readonly sizeBytes: number;
}

/**
 * What is posted when a video is done: the file (re-encoded when the original was over the
 * platform's upload limit), or, when it can't be made to fit, a link with a poster frame.
 */
export type Delivery =
  | { readonly kind: "file"; readonly path: string; readonly sizeBytes: number; readonly reencoded?: boolean }
  | {
      readonly kind: "link";
      readonly url: string;
      /** The original's size. */
      readonly sizeBytes: number;
      /** Why the file itself is not posted. */
      readonly reason: string;
      readonly posterPath?: string;
    };

/** The last frame of a finished video, as a local PNG (what Extend continues from). */
export interface FrameSource {
  lastFrame(jobId: string, videoUrl: string): Promise<string>;
}

export interface VideoFiles extends FrameSource {
  /** Brings the provider's result to a local file (streaming, host-checked, size-capped). */
  fetch(jobId: string, url: string): Promise<LocalVideo>;
  /** Fits `video` to `limitBytes`: as is, re-encoded, or a link to `url` with a poster. */
  fit(video: LocalVideo, limitBytes: number, url: string): Promise<Delivery>;
}

/** What /video and the buttons need to start real jobs: the engine's entry points. */
export interface JobsDeps {
  readonly acceptance: JobAcceptance;
  readonly store: JobStore;
  readonly router: ProviderRouter;
  /** Told about each job this process accepted (the console waits for them at end of input). */
  readonly onAccepted?: (jobId: string) => void;
  /** Finished videos' last frames, for Extend (absent: Extend is not offered). */
  readonly frames?: FrameSource;
}
