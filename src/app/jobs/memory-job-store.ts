// JobStore in memory: the twin of SqlJobStore for fast engine and use-case tests and the console.
// Every method mirrors one SQL statement; test/contract/job-store.test.ts runs the same cases
// against both so they can't drift.

import type { Conversation } from "../../core/chat-event.ts";
import type { NextState } from "../../core/jobs/machine.ts";
import type { JobState } from "../../core/jobs/states.ts";
import type { Cost } from "../../core/pricing.ts";
import type { VideoRequest } from "../../core/request.ts";
import type { SettingsStore } from "../settings/ports.ts";
import type { ChainPlace, ConcurrencyCaps, JobPatch, JobRecord, JobStore } from "./ports.ts";

const OPEN: readonly JobState[] = ["queued", "submitting", "running", "delivering"];
const ACTIVE: readonly JobState[] = ["submitting", "running", "delivering"];

interface Stored {
  record: JobRecord;
  updatedAt: number;
  /** Insertion order: the SQL store breaks created_at ties by id; here the order is exact. */
  readonly seq: number;
}

type Who = { platform: string; workspaceId: string; userId: string };
const isWho = (c: Conversation, by: Who): boolean =>
  c.platform === by.platform && c.workspaceId === by.workspaceId && c.userId === by.userId;

function applyPatch(record: JobRecord, patch: JobPatch): JobRecord {
  const { errorCode: _code, ...rest } = patch;
  return {
    ...record,
    ...(rest.progress === undefined ? {} : { progress: Math.round(rest.progress) }),
    ...(rest.videoMessageId === undefined ? {} : { videoMessageId: rest.videoMessageId }),
    ...(rest.provider === undefined ? {} : { provider: rest.provider }),
    ...(rest.resultUrl === undefined ? {} : { resultUrl: rest.resultUrl }),
    ...(rest.seedUsed === undefined ? {} : { seedUsed: rest.seedUsed }),
    ...(rest.error === undefined ? {} : { error: rest.error }),
    ...(rest.startedAt === undefined ? {} : { startedAt: rest.startedAt }),
    ...(rest.finishedAt === undefined ? {} : { finishedAt: rest.finishedAt }),
    ...(rest.deliveryStartedAt === undefined ? {} : { deliveryStartedAt: rest.deliveryStartedAt }),
  };
}

export class MemoryJobStore implements JobStore {
  readonly #jobs = new Map<string, Stored>();
  readonly #settings: SettingsStore | undefined;
  readonly #now: () => Date;
  #seq = 0;

  /** `settings`: workspace caps for claimSlot (as the SQL store joins workspace_settings). */
  constructor(options: { settings?: SettingsStore; now?: () => Date } = {}) {
    this.#settings = options.settings;
    this.#now = options.now ?? (() => new Date());
  }

  /** A new queued job (the acceptance's insert); false if the id exists (a unique violation). */
  insert(input: {
    id: string;
    conversation: Conversation;
    request: VideoRequest;
    cost: Cost;
    chain?: ChainPlace;
  }): boolean {
    if (this.#jobs.has(input.id)) return false;
    const record: JobRecord = {
      id: input.id,
      conversation: input.conversation,
      request: input.request,
      cost: input.cost,
      state: "queued",
      progress: 0,
      provider: undefined,
      messageId: undefined,
      videoMessageId: undefined,
      resultUrl: undefined,
      seedUsed: undefined,
      error: undefined,
      createdAt: this.#now(),
      startedAt: undefined,
      finishedAt: undefined,
      deliveryStartedAt: undefined,
      deliveryFailures: 0,
      ...(input.chain === undefined ? {} : { chain: input.chain }),
    };
    this.#jobs.set(input.id, { record, updatedAt: this.#now().getTime(), seq: this.#seq++ });
    return true;
  }

  /** The stored state of a job, or null (for the money store's unsettled()). */
  stateOf(id: string): string | null {
    return this.#jobs.get(id)?.record.state ?? null;
  }

  async get(id: string): Promise<JobRecord | undefined> {
    return this.#jobs.get(id)?.record;
  }

  async transition<F extends JobState>(
    id: string,
    from: F,
    to: NextState<F>,
    patch: JobPatch = {},
  ): Promise<boolean> {
    const stored = this.#jobs.get(id);
    if (stored === undefined || stored.record.state !== from) return false;
    stored.record = { ...applyPatch(stored.record, patch), state: to };
    stored.updatedAt = this.#now().getTime();
    return true;
  }

  async patch(id: string, patch: JobPatch): Promise<void> {
    const stored = this.#jobs.get(id);
    if (stored === undefined) return;
    stored.record = applyPatch(stored.record, patch);
    stored.updatedAt = this.#now().getTime();
  }

  async recordDeliveryFailure(id: string): Promise<number> {
    const stored = this.#jobs.get(id);
    if (stored === undefined) return 0;
    stored.record = { ...stored.record, deliveryFailures: stored.record.deliveryFailures + 1 };
    stored.updatedAt = this.#now().getTime();
    return stored.record.deliveryFailures;
  }

  async setMessage(id: string, messageId: string): Promise<JobState | undefined> {
    const stored = this.#jobs.get(id);
    if (stored === undefined) return undefined;
    stored.record = { ...stored.record, messageId };
    return stored.record.state;
  }

  async claimSlot(
    id: string,
    caps: ConcurrencyCaps,
    startedAt: Date,
  ): Promise<"claimed" | "busy" | "not_queued"> {
    const me = this.#jobs.get(id)?.record;
    if (me === undefined || me.state !== "queued") return "not_queued";
    const c = me.conversation;
    const settings = await this.#settings?.get(c.platform, c.workspaceId);
    // Read again after the await: another claim may have run meanwhile (the SQL store's lock).
    if (this.#jobs.get(id)?.record.state !== "queued") return "not_queued";
    const userCap = settings?.maxConcurrentPerUser ?? caps.perUser;
    const workspaceCap = settings?.maxConcurrentPerWorkspace ?? caps.perWorkspace;
    const active = [...this.#jobs.values()].map((s) => s.record).filter((j) => ACTIVE.includes(j.state));
    const inWorkspace = active.filter(
      (j) => j.conversation.platform === c.platform && j.conversation.workspaceId === c.workspaceId,
    );
    if (
      (userCap !== null && inWorkspace.filter((j) => j.conversation.userId === c.userId).length >= userCap) ||
      (workspaceCap !== null && inWorkspace.length >= workspaceCap) ||
      (caps.global !== null && active.length >= caps.global)
    )
      return "busy";
    await this.transition(id, "queued", "submitting", { startedAt });
    return "claimed";
  }

  async openJobIds(limit: number): Promise<string[]> {
    return [...this.#jobs.values()]
      .filter((s) => OPEN.includes(s.record.state))
      .sort((a, b) => a.updatedAt - b.updatedAt || a.seq - b.seq)
      .slice(0, limit)
      .map((s) => s.record.id);
  }

  async findByProviderJob(provider: string, providerJobId: string): Promise<JobRecord | undefined> {
    return this.#records().find((j) => j.provider?.provider === provider && j.provider.id === providerJobId);
  }

  async countByState(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const j of this.#records()) counts[j.state] = (counts[j.state] ?? 0) + 1;
    return counts;
  }

  async latestOpen(by: Who): Promise<JobRecord | undefined> {
    return this.#newestFirst().find((j) => isWho(j.conversation, by) && OPEN.includes(j.state));
  }

  async recentFor(by: Who, limit: number): Promise<JobRecord[]> {
    return this.#newestFirst()
      .filter((j) => isWho(j.conversation, by))
      .slice(0, limit);
  }

  async idsStartingWith(
    where: { platform: string; workspaceId: string },
    prefix: string,
    limit: number,
  ): Promise<string[]> {
    return this.#newestFirst()
      .filter(
        (j) =>
          j.conversation.platform === where.platform &&
          j.conversation.workspaceId === where.workspaceId &&
          j.id.startsWith(prefix),
      )
      .slice(0, limit)
      .map((j) => j.id);
  }

  async queuePosition(id: string): Promise<number> {
    const me = this.#jobs.get(id);
    if (me === undefined) return 1;
    return 1 + [...this.#jobs.values()].filter((s) => s.record.state === "queued" && s.seq < me.seq).length;
  }

  async recentDurations(request: Pick<VideoRequest, "model" | "duration" | "quality">): Promise<number[]> {
    return this.#records()
      .filter(
        (j) =>
          j.state === "delivered" &&
          j.request.model === request.model &&
          j.request.duration === request.duration &&
          j.request.quality === request.quality &&
          j.startedAt !== undefined &&
          j.finishedAt !== undefined,
      )
      .sort((a, b) => (b.finishedAt?.getTime() ?? 0) - (a.finishedAt?.getTime() ?? 0))
      .slice(0, 20)
      .map((j) => ((j.finishedAt?.getTime() ?? 0) - (j.startedAt?.getTime() ?? 0)) / 1000);
  }

  #records(): JobRecord[] {
    return [...this.#jobs.values()].map((s) => s.record);
  }

  #newestFirst(): JobRecord[] {
    return [...this.#jobs.values()].sort((a, b) => b.seq - a.seq).map((s) => s.record);
  }
}
