import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { ProviderId } from "../app/generation/ports.ts";
import type { ConcurrencyCaps, JobPatch, JobRecord, JobStore } from "../app/jobs/ports.ts";
import type { Platform } from "../core/chat-event.ts";
import type { NextState } from "../core/jobs/machine.ts";
import type { JobState } from "../core/jobs/states.ts";
import { type VideoRequest, videoRequestSchema } from "../core/request.ts";
import { claimSlot } from "./claim-slot.ts";
import type { Db } from "./client.ts";
import { idsStartingWith } from "./job-prefix.ts";
import { MessageIdWriter } from "./message-ids.ts";
import { jobs } from "./schema/jobs.ts";
import { rowsOf } from "./sql.ts";

type Row = typeof jobs.$inferSelect;
const ACTIVE: JobState[] = ["submitting", "running", "delivering"];

function toRecord(r: Row): JobRecord {
  const urls = r.providerUrls as { status?: string; result?: string; cancel?: string } | null;
  return {
    id: r.id,
    conversation: {
      platform: r.platform as Platform,
      workspaceId: r.workspaceId,
      channelId: r.channelId,
      userId: r.userId,
      userName: r.userName,
    },
    // Stored by this code from a validated request; parsed again so a bad row fails loudly.
    request: videoRequestSchema.parse(r.request),
    cost: { credits: r.costCredits, usdCents: r.costUsdCents },
    state: r.state as JobState,
    progress: r.progress,
    provider:
      r.provider === null || r.providerJobId === null
        ? undefined
        : { provider: r.provider as ProviderId, id: r.providerJobId, ...(urls ? { urls } : {}) },
    messageId: r.chatMessageId ?? undefined,
    videoMessageId: r.videoMessageId ?? undefined,
    resultUrl: r.resultUrl ?? undefined,
    seedUsed: r.seedUsed ?? undefined,
    error: r.errorMessage ?? undefined,
    deliveryStartedAt: r.deliveryStartedAt ?? undefined,
    deliveryFailures: r.deliveryFailures,
    createdAt: r.createdAt,
    startedAt: r.startedAt ?? undefined,
    finishedAt: r.finishedAt ?? undefined,
    ...(r.chainId === null || r.chainIndex === null ? {} : { chain: { id: r.chainId, index: r.chainIndex } }),
  };
}

function columns(patch: JobPatch): Partial<typeof jobs.$inferInsert> {
  return {
    ...(patch.progress === undefined ? {} : { progress: Math.round(patch.progress) }),
    ...(patch.videoMessageId === undefined ? {} : { videoMessageId: patch.videoMessageId }),
    ...(patch.provider === undefined
      ? {}
      : {
          provider: patch.provider.provider,
          providerJobId: patch.provider.id,
          providerUrls: patch.provider.urls ?? null,
        }),
    ...(patch.resultUrl === undefined ? {} : { resultUrl: patch.resultUrl }),
    ...(patch.seedUsed === undefined ? {} : { seedUsed: patch.seedUsed }),
    ...(patch.errorCode === undefined ? {} : { errorCode: patch.errorCode }),
    ...(patch.error === undefined ? {} : { errorMessage: patch.error }),
    ...(patch.startedAt === undefined ? {} : { startedAt: patch.startedAt }),
    ...(patch.finishedAt === undefined ? {} : { finishedAt: patch.finishedAt }),
    ...(patch.deliveryStartedAt === undefined ? {} : { deliveryStartedAt: patch.deliveryStartedAt }),
  };
}

export class SqlJobStore implements JobStore {
  readonly #db: Db;
  /** Recent durations per model/duration/quality for ETAs: read at most every 30 s each. */
  readonly #durations = new Map<string, { at: number; value: Promise<number[]> }>();

  /** Message ids are written in batches: one statement for the commands that come together. */
  readonly #messages: MessageIdWriter;

  constructor(db: Db) {
    this.#db = db;
    this.#messages = new MessageIdWriter(db);
  }

  async get(id: string): Promise<JobRecord | undefined> {
    const [row] = await this.#db.select().from(jobs).where(eq(jobs.id, id));
    return row === undefined ? undefined : toRecord(row);
  }

  async transition<F extends JobState>(
    id: string,
    from: F,
    to: NextState<F>,
    patch: JobPatch = {},
  ): Promise<boolean> {
    const moved = await this.#db
      .update(jobs)
      .set({ state: to, updatedAt: new Date(), ...columns(patch) })
      .where(and(eq(jobs.id, id), eq(jobs.state, from)))
      .returning({ id: jobs.id });
    return moved.length > 0;
  }

  async patch(id: string, patch: JobPatch): Promise<void> {
    await this.#db
      .update(jobs)
      .set({ updatedAt: new Date(), ...columns(patch) })
      .where(eq(jobs.id, id));
  }

  async recordDeliveryFailure(id: string): Promise<number> {
    const [row] = await this.#db
      .update(jobs)
      .set({ deliveryFailures: sql`${jobs.deliveryFailures} + 1`, updatedAt: new Date() })
      .where(eq(jobs.id, id))
      .returning({ failures: jobs.deliveryFailures });
    return row?.failures ?? 0;
  }

  setMessage(id: string, messageId: string): Promise<JobState | undefined> {
    return this.#messages.set(id, messageId);
  }

  claimSlot(id: string, caps: ConcurrencyCaps, startedAt: Date): Promise<"claimed" | "busy" | "not_queued"> {
    return claimSlot(this.#db, id, caps, startedAt);
  }

  async openJobIds(limit: number): Promise<string[]> {
    const rows = await this.#db
      .select({ id: jobs.id })
      .from(jobs)
      .where(inArray(jobs.state, ["queued", ...ACTIVE]))
      .orderBy(jobs.updatedAt)
      .limit(limit);
    return rows.map((r) => r.id);
  }

  async findByProviderJob(provider: string, providerJobId: string): Promise<JobRecord | undefined> {
    const [row] = await this.#db
      .select()
      .from(jobs)
      .where(and(eq(jobs.provider, provider), eq(jobs.providerJobId, providerJobId)))
      .limit(1);
    return row === undefined ? undefined : toRecord(row);
  }

  async countByState(): Promise<Record<string, number>> {
    const rows = await this.#db
      .select({ state: jobs.state, n: sql<number>`count(*)::int` })
      .from(jobs)
      .groupBy(jobs.state);
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  async latestOpen(by: {
    platform: string;
    workspaceId: string;
    userId: string;
  }): Promise<JobRecord | undefined> {
    const [row] = await this.#db
      .select()
      .from(jobs)
      .where(
        and(
          eq(jobs.platform, by.platform),
          eq(jobs.workspaceId, by.workspaceId),
          eq(jobs.userId, by.userId),
          inArray(jobs.state, ["queued", ...ACTIVE]),
        ),
      )
      .orderBy(desc(jobs.createdAt))
      .limit(1);
    return row === undefined ? undefined : toRecord(row);
  }

  async recentFor(
    by: { platform: string; workspaceId: string; userId: string },
    limit: number,
  ): Promise<JobRecord[]> {
    const rows = await this.#db
      .select()
      .from(jobs)
      .where(
        and(eq(jobs.platform, by.platform), eq(jobs.workspaceId, by.workspaceId), eq(jobs.userId, by.userId)),
      )
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .limit(limit);
    return rows.map(toRecord);
  }

  idsStartingWith(where: { platform: string; workspaceId: string }, prefix: string, limit: number) {
    return idsStartingWith(this.#db, where, prefix, limit);
  }

  async queuePosition(id: string): Promise<number> {
    const rows = rowsOf<{ n: number }>(
      await this.#db.execute(sql`
        SELECT count(*)::int AS n FROM jobs q, jobs me
        WHERE me.id = ${id} AND q.state = 'queued' AND (q.created_at, q.id) < (me.created_at, me.id)`),
    );
    return 1 + Number(rows[0]?.n ?? 0);
  }

  recentDurations(request: Pick<VideoRequest, "model" | "duration" | "quality">): Promise<number[]> {
    const key = `${request.model}|${request.duration}|${request.quality}`;
    const now = Date.now();
    const cached = this.#durations.get(key);
    if (cached !== undefined && now - cached.at < 30_000) return cached.value;
    const value = this.#loadRecentDurations(request);
    value.catch(() => this.#durations.delete(key));
    this.#durations.set(key, { at: now, value });
    return value;
  }

  async #loadRecentDurations(
    request: Pick<VideoRequest, "model" | "duration" | "quality">,
  ): Promise<number[]> {
    const rows = await this.#db
      .select({ started: jobs.startedAt, finished: jobs.finishedAt })
      .from(jobs)
      .where(
        and(
          eq(jobs.state, "delivered"),
          eq(jobs.model, request.model),
          sql`(${jobs.request}->>'duration')::int = ${request.duration}`,
          sql`${jobs.request}->>'quality' = ${request.quality}`,
          lt(jobs.startedAt, sql`now()`),
        ),
      )
      .orderBy(desc(jobs.finishedAt))
      .limit(20);
    return rows
      .filter((r) => r.started && r.finished)
      .map((r) => ((r.finished as Date).getTime() - (r.started as Date).getTime()) / 1000);
  }
}
