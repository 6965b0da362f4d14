import type { ProviderJob } from "../generation/ports.ts";
import type { ProviderRouter } from "../generation/router.ts";
import type { MoneyStore } from "../money/ports.ts";

/**
 * A provider job whose video no one will be charged for (cancelled, or abandoned): cancelled at
 * the provider where it can be. Where it can't (no cancel, too late, the call failed), the
 * provider finishes and bills it unwatched, and it is recorded as the operator's cost.
 */
export async function stopAtProvider(
  deps: { readonly router: Pick<ProviderRouter, "byId">; readonly money: Pick<MoneyStore, "absorb"> },
  jobId: string,
  job: ProviderJob,
  why: string,
): Promise<"canceled" | "absorbed"> {
  const provider = deps.router.byId(job.provider);
  const answer = await provider?.cancel?.(job).catch(() => "failed" as const);
  // not_found: the provider has no such job to run, so nothing to pay for either.
  if (answer === "requested" || answer === "not_found") return "canceled";
  await deps.money.absorb(
    jobId,
    `${why}; ${provider?.cancel === undefined ? `${job.provider} can't cancel a video` : "the provider could not cancel it"}, so it runs on at the operator's cost`,
  );
  return "absorbed";
}
