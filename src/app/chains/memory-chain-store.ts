// ChainStore in memory: the twin of SqlChainStore, for fast tests and the console. Segments are
// read from the memory job store, as the SQL store reads them from the jobs table.

import type { JobRecord } from "../jobs/ports.ts";
import type { ChainRecord, ChainState, ChainStore } from "./ports.ts";

export class MemoryChainStore implements ChainStore {
  readonly #chains = new Map<string, { record: ChainRecord; updatedAt: number }>();
  readonly #jobs: () => readonly JobRecord[];
  readonly #now: () => Date;

  /** `jobs`: every job as stored (the memory job store's). */
  constructor(jobs: () => readonly JobRecord[], now: () => Date = () => new Date()) {
    this.#jobs = jobs;
    this.#now = now;
  }

  async create(chain: Parameters<ChainStore["create"]>[0]): Promise<boolean> {
    if (this.#chains.has(chain.id)) return false;
    const record: ChainRecord = {
      ...chain,
      state: "running",
      stopReason: undefined,
      joinedMessageId: undefined,
      createdAt: this.#now(),
    };
    this.#chains.set(chain.id, { record, updatedAt: this.#now().getTime() });
    return true;
  }

  async get(id: string): Promise<ChainRecord | undefined> {
    return this.#chains.get(id)?.record;
  }

  async segmentIds(id: string): Promise<string[]> {
    return this.#jobs()
      .filter((j) => j.chain?.id === id)
      .sort((a, b) => (a.chain?.index ?? 0) - (b.chain?.index ?? 0))
      .map((j) => j.id);
  }

  async transition(
    id: string,
    from: ChainState,
    to: ChainState,
    patch: { readonly stopReason?: string } = {},
  ): Promise<boolean> {
    const found = this.#chains.get(id);
    if (found === undefined || found.record.state !== from) return false;
    const record = { ...found.record, state: to, ...(patch.stopReason === undefined ? {} : patch) };
    this.#chains.set(id, { record, updatedAt: this.#now().getTime() });
    return true;
  }

  async setJoinedMessage(id: string, messageId: string): Promise<void> {
    const found = this.#chains.get(id);
    if (found !== undefined)
      this.#chains.set(id, {
        record: { ...found.record, joinedMessageId: messageId },
        updatedAt: this.#now().getTime(),
      });
  }

  async openIds(limit: number): Promise<string[]> {
    return [...this.#chains.values()]
      .filter((c) => c.record.state === "running" || c.record.state === "joining")
      .sort((a, b) => a.updatedAt - b.updatedAt)
      .slice(0, limit)
      .map((c) => c.record.id);
  }
}
