// Continue chains, wired into the engine: their steps run from the same durable queue as the
// jobs' (a step id `chain:<id>`), a chain is stepped whenever one of its segments ends, and open
// chains are resumed with open jobs (at start and by the periodic sweep).

import { advanceChain, type ChainEngineDeps } from "../app/chains/advance-chain.ts";
import type { ChainsDeps } from "../app/chains/ports.ts";
import type { ProviderRouter } from "../app/generation/router.ts";
import type { JobAcceptance, JobQueue, JobRecord, JobStore } from "../app/jobs/ports.ts";
import type { JobMessages } from "../app/ports.ts";
import type { Pricing } from "../core/pricing.ts";
import type { DefaultUserLimits } from "../core/quota/policy.ts";
import { SqlChainStore } from "../db/chain-store.ts";
import type { Database } from "../db/client.ts";
import { SqlMoneyStore } from "../db/money-store.ts";
import { SqlPolicyStore } from "../db/policy-store.ts";
import type { LocalVideoFiles } from "../media/video-files.ts";

/** What Continue needs beyond the engine: the prices and the quota defaults the bot uses. */
export interface ChainOptions {
  readonly pricing: Pricing;
  readonly defaults: DefaultUserLimits;
  /** Told when a chain has ended (done or stopped). */
  readonly onEnded?: (chainId: string) => void;
}

const PREFIX = "chain:";

export interface ChainWiring {
  readonly deps: ChainsDeps;
  /** Runs a queue step if it is a chain's; false if it is a job's. */
  step(queued: string, chat: JobMessages): Promise<boolean>;
  /** A job ended: if it is a chain's segment, its chain takes its next step. */
  segmentEnded(job: JobRecord): void;
  /** Queues a step of every chain still running or joining; returns how many. */
  resume(): Promise<number>;
}

export function wireChains(
  options: ChainOptions,
  parts: {
    readonly database: Database;
    readonly jobs: JobStore;
    readonly acceptance: JobAcceptance;
    readonly router: ProviderRouter;
    readonly queue: JobQueue;
    readonly files: LocalVideoFiles;
    readonly now: () => Date;
    readonly onAccepted: (jobId: string) => void;
  },
): ChainWiring {
  const chains = new SqlChainStore(parts.database.db);
  const deps: ChainEngineDeps = {
    chains,
    jobs: parts.jobs,
    acceptance: parts.acceptance,
    router: parts.router,
    files: parts.files,
    money: new SqlMoneyStore(parts.database.db),
    policies: new SqlPolicyStore(parts.database.db),
    defaults: options.defaults,
    // Each segment is priced by the provider that will run it, as /video prices a request.
    pricing: { ...options.pricing, providerFor: (request) => parts.router.providerFor(request) },
    now: parts.now,
    onAccepted: parts.onAccepted,
    ...(options.onEnded === undefined ? {} : { onEnded: options.onEnded }),
  };
  const schedule = (id: string): Promise<void> => parts.queue.schedule(`${PREFIX}${id}`, 0);
  return {
    deps: { store: chains, advance: (id, chat) => advanceChain(deps, id, chat) },
    step: async (queued, chat) => {
      if (!queued.startsWith(PREFIX)) return false;
      await advanceChain(deps, queued.slice(PREFIX.length), chat);
      return true;
    },
    // A lost schedule is found again by the sweep's resume.
    segmentEnded: (job) => {
      if (job.chain !== undefined) void schedule(job.chain.id).catch(() => undefined);
    },
    resume: async () => {
      const ids = await chains.openIds(10_000);
      for (const id of ids) await schedule(id);
      return ids.length;
    },
  };
}
