import type { Pricing } from "../../core/pricing.ts";
import type { DefaultUserLimits } from "../../core/quota/policy.ts";
import type { ProviderRouter } from "../generation/router.ts";
import type { JobAcceptance, JobRecord, JobStore } from "../jobs/ports.ts";
import type { MoneyStore, PolicyStore } from "../money/ports.ts";
import type { ChainFiles, ChainRecord, ChainStore } from "./ports.ts";

// What the chain engine's steps run on, and the chain's jobs as they stand.

export interface ChainEngineDeps {
  readonly chains: ChainStore;
  readonly jobs: JobStore;
  readonly acceptance: JobAcceptance;
  readonly router: ProviderRouter;
  readonly files: ChainFiles;
  readonly money: Pick<MoneyStore, "refund" | "absorb">;
  readonly policies: PolicyStore;
  readonly defaults: DefaultUserLimits;
  readonly pricing: Pricing;
  readonly now: () => Date;
  /** Told when a chain has ended (done or stopped), for waiting and tests. */
  readonly onEnded?: (chainId: string) => void;
  /** Told about each segment accepted (the console waits for its jobs). */
  readonly onAccepted?: (jobId: string) => void;
}

/** The chain's jobs, base and new, as stored now. */
export async function chainJobs(
  deps: Pick<ChainEngineDeps, "chains" | "jobs">,
  chain: ChainRecord,
): Promise<{ base: JobRecord[]; segments: JobRecord[] }> {
  const load = async (ids: readonly string[]): Promise<JobRecord[]> =>
    (await Promise.all(ids.map((id) => deps.jobs.get(id)))).filter((j) => j !== undefined);
  return { base: await load(chain.baseJobIds), segments: await load(await deps.chains.segmentIds(chain.id)) };
}

/** Seconds of video made: every delivered job's length. */
export const madeSeconds = (jobs: readonly JobRecord[]): number =>
  jobs.filter((j) => j.state === "delivered").reduce((s, j) => s + j.request.duration, 0);
