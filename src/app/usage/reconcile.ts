// What framecast's ledger says each provider ran, beside what the provider itself says it billed,
// and every difference between the two, named with the videos it concerns. Pure.

/** A job that reached a provider, and how framecast settled it. */
export interface ProviderJobRow {
  readonly provider: string;
  /** The provider's id for the video (PixVerse: its int64 video_id, as text). */
  readonly providerJobId: string;
  /** charged: delivered and charged; refunded: failed, canceled…; open: still in flight. */
  readonly outcome: "charged" | "refunded" | "open";
  /** The list price shown when it was accepted. */
  readonly usdCents: number;
}

/** What a provider's own record says: credits billed per video, net of its refunds. */
export interface ProviderRecord {
  /** US cents one of the provider's credits is worth (PixVerse: $1 = 100 credits). */
  readonly centsPerCredit: number;
  /** The account's balance in the provider's credits, when it tells. */
  readonly balanceCredits?: number;
  readonly billed: readonly { readonly videoId: string; readonly credits: number }[];
}

export interface Difference {
  readonly kind: "refunded_but_billed" | "billed_unknown" | "charged_not_billed" | "price";
  readonly videos: readonly string[];
  /** The provider's credits these videos came to. */
  readonly credits: number;
  /** For `price`: what the provider billed minus framecast's list price, in US cents. */
  readonly cents?: number;
  readonly text: string;
}

export interface ProviderReconciliation {
  readonly provider: string;
  readonly sent: number;
  readonly charged: number;
  readonly refunded: number;
  readonly open: number;
  /** framecast's list price of the charged videos. */
  readonly listCents: number;
  /** Absent where the provider keeps no record framecast can read. */
  readonly record?: {
    readonly videos: number;
    readonly credits: number;
    readonly cents: number;
    readonly balanceCredits?: number;
  };
  readonly differences: readonly Difference[];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
const usd = (cents: number): string => `$${(Math.abs(cents) / 100).toFixed(2)}`;

export function reconcile(
  jobs: readonly ProviderJobRow[],
  records: Readonly<Partial<Record<string, ProviderRecord>>>,
  label: (provider: string) => string = (p) => p,
): ProviderReconciliation[] {
  const providers = [...new Set([...jobs.map((j) => j.provider), ...Object.keys(records)])].sort();
  return providers.map((provider) => {
    const mine = jobs.filter((j) => j.provider === provider);
    const count = (o: ProviderJobRow["outcome"]) => mine.filter((j) => j.outcome === o).length;
    const base = {
      provider,
      sent: mine.length,
      charged: count("charged"),
      refunded: count("refunded"),
      open: count("open"),
      listCents: mine.filter((j) => j.outcome === "charged").reduce((n, j) => n + j.usdCents, 0),
    };
    const record = records[provider];
    if (record === undefined) return { ...base, differences: [] };
    return { ...base, ...compare(mine, record, label(provider)) };
  });
}

function compare(
  mine: readonly ProviderJobRow[],
  record: ProviderRecord,
  name: string,
): Pick<ProviderReconciliation, "record" | "differences"> {
  const billed = new Map<string, number>();
  for (const b of record.billed) billed.set(b.videoId, (billed.get(b.videoId) ?? 0) + b.credits);
  const charged = [...billed].filter(([, c]) => c > 0);
  const byId = new Map(mine.map((j) => [j.providerJobId, j]));
  const credits = (ids: readonly string[]) => ids.reduce((n, id) => n + (billed.get(id) ?? 0), 0);
  const isBilled = (id: string) => (billed.get(id) ?? 0) > 0;
  const differences: Difference[] = [];
  const add = (kind: Difference["kind"], videos: string[], text: (n: string) => string) => {
    if (videos.length > 0)
      differences.push({
        kind,
        videos,
        credits: credits(videos),
        text: text(plural(videos.length, "video")),
      });
  };
  const refundedButBilled = mine.filter((j) => j.outcome === "refunded" && isBilled(j.providerJobId));
  add(
    "refunded_but_billed",
    ids(refundedButBilled),
    (n) =>
      `${name} billed ${credits(ids(refundedButBilled))} credits for ${n} framecast refunded to its users`,
  );
  const unknown = charged.map(([id]) => id).filter((id) => !byId.has(id));
  add(
    "billed_unknown",
    unknown,
    (n) =>
      `${name} billed ${credits(unknown)} credits for ${n} framecast has no job for (another app on this key, or a job from before the period)`,
  );
  const notBilled = mine.filter((j) => j.outcome === "charged" && !isBilled(j.providerJobId));
  add(
    "charged_not_billed",
    ids(notBilled),
    (n) => `framecast charged ${n} ${name}'s record doesn't show (yet)`,
  );
  const both = mine.filter((j) => j.outcome === "charged" && isBilled(j.providerJobId));
  const list = both.reduce((n, j) => n + j.usdCents, 0);
  const real = Math.round(credits(ids(both)) * record.centsPerCredit);
  if (both.length > 0 && real !== list)
    differences.push({
      kind: "price",
      videos: ids(both),
      credits: credits(ids(both)),
      cents: real - list,
      text: `for the ${plural(both.length, "video")} both charged, framecast's list price was ${usd(list)} and ${name}'s ${usd(real)}: ${usd(real - list)} ${real > list ? "more" : "less"} at ${name}`,
    });
  const total = charged.reduce((n, [, c]) => n + c, 0);
  return {
    record: {
      videos: charged.length,
      credits: total,
      cents: Math.round(total * record.centsPerCredit),
      ...(record.balanceCredits === undefined ? {} : { balanceCredits: record.balanceCredits }),
    },
    differences,
  };
}

const ids = (jobs: readonly ProviderJobRow[]): string[] => jobs.map((j) => j.providerJobId);
