import { and, asc, eq, inArray } from "drizzle-orm";
import type { ChainRecord, ChainState, ChainStore } from "../app/chains/ports.ts";
import type { Platform } from "../core/chat-event.ts";
import type { Db } from "./client.ts";
import { chains } from "./schema/chains.ts";
import { jobs } from "./schema/jobs.ts";

type Row = typeof chains.$inferSelect;

const toRecord = (r: Row): ChainRecord => ({
  id: r.id,
  conversation: {
    platform: r.platform as Platform,
    workspaceId: r.workspaceId,
    channelId: r.channelId,
    userId: r.userId,
    userName: r.userName,
  },
  roles: r.roles,
  baseJobIds: r.baseJobIds,
  targetSeconds: r.targetSeconds,
  state: r.state as ChainState,
  stopReason: r.stopReason ?? undefined,
  joinedMessageId: r.joinedMessageId ?? undefined,
  createdAt: r.createdAt,
});

export class SqlChainStore implements ChainStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async create(chain: Parameters<ChainStore["create"]>[0]): Promise<boolean> {
    const c = chain.conversation;
    const inserted = await this.#db
      .insert(chains)
      .values({
        id: chain.id,
        platform: c.platform,
        workspaceId: c.workspaceId,
        channelId: c.channelId,
        userId: c.userId,
        userName: c.userName,
        roles: [...chain.roles],
        baseJobIds: [...chain.baseJobIds],
        targetSeconds: chain.targetSeconds,
        state: "running",
      })
      .onConflictDoNothing()
      .returning({ id: chains.id });
    return inserted.length > 0;
  }

  async get(id: string): Promise<ChainRecord | undefined> {
    const [row] = await this.#db.select().from(chains).where(eq(chains.id, id));
    return row === undefined ? undefined : toRecord(row);
  }

  async segmentIds(id: string): Promise<string[]> {
    const rows = await this.#db
      .select({ id: jobs.id })
      .from(jobs)
      .where(eq(jobs.chainId, id))
      .orderBy(asc(jobs.chainIndex));
    return rows.map((r) => r.id);
  }

  async transition(
    id: string,
    from: ChainState,
    to: ChainState,
    patch: { readonly stopReason?: string } = {},
  ): Promise<boolean> {
    const moved = await this.#db
      .update(chains)
      .set({
        state: to,
        updatedAt: new Date(),
        ...(patch.stopReason === undefined ? {} : { stopReason: patch.stopReason }),
      })
      .where(and(eq(chains.id, id), eq(chains.state, from)))
      .returning({ id: chains.id });
    return moved.length > 0;
  }

  async setJoinedMessage(id: string, messageId: string): Promise<void> {
    await this.#db
      .update(chains)
      .set({ joinedMessageId: messageId, updatedAt: new Date() })
      .where(eq(chains.id, id));
  }

  async openIds(limit: number): Promise<string[]> {
    const rows = await this.#db
      .select({ id: chains.id })
      .from(chains)
      .where(inArray(chains.state, ["running", "joining"]))
      .orderBy(asc(chains.updatedAt))
      .limit(limit);
    return rows.map((r) => r.id);
  }
}
