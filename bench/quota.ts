// Quota reservations on real PostgreSQL with 50 concurrent clients, each a different user in one
// of ten workspaces (the per-user defaults are lifted so nothing is refused). Two figures:
//  1. capacity: every client reserves back to back; reservations per second.
//  2. latency at 2,000/s: the clients together offer 2,000 reservations a second (each on its own
//     schedule, open loop); p50/p99 of one reservation, queueing included.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/quota.ts [seconds per phase]

import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { CachedPolicyStore } from "../src/app/money/cached-policies.ts";
import { type QuotaDeps, reserveQuota } from "../src/app/money/quota.ts";
import { openDatabase } from "../src/db/client.ts";
import { SqlMoneyStore } from "../src/db/money-store.ts";
import { SqlPolicyStore } from "../src/db/policy-store.ts";

const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const seconds = Number(process.argv[2] ?? 10);
const CLIENTS = Number(process.env.CLIENTS ?? 50);
const POOL = Number(process.env.POOL ?? 8);
const schema = `bench_${randomBytes(4).toString("hex")}`;

const database = await openDatabase({ kind: "postgres", url, schema, poolSize: POOL });
await database.migrate();
const deps: QuotaDeps = {
  money: new SqlMoneyStore(database.db),
  policies: new CachedPolicyStore(new SqlPolicyStore(database.db), 10_000),
  defaults: { day: { videos: 1_000_000, seconds: 100_000_000, credits: null } },
  now: () => new Date(),
};

let sequence = 0;
const usage = { videos: 1, seconds: 8, credits: 56 };
const requesterOf = (n: number) => ({
  platform: "discord" as const,
  workspaceId: `w${n % 10}`,
  channelId: "c",
  userId: `u${n}`,
  roles: [],
});

async function capacity(): Promise<number> {
  let done = 0;
  const warmUntil = performance.now() + 1000;
  const deadline = warmUntil + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, n) => {
      while (performance.now() < deadline) {
        const r = await reserveQuota(deps, requesterOf(n), `cap-${n}-${sequence++}`, usage);
        if (!r.ok) throw new Error(r.message);
        if (performance.now() > warmUntil) done++;
      }
    }),
  );
  return done / seconds;
}

async function latencyAt(rate: number): Promise<{ latencies: number[]; achieved: number; late: number }> {
  const latencies: number[] = [];
  const interval = (1000 * CLIENTS) / rate; // each client's period
  const start = performance.now() + 200;
  const end = start + seconds * 1000;
  let late = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, n) => {
      for (let due = start + (interval * n) / CLIENTS; due < end; due += interval) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        else late++;
        const t = performance.now();
        const r = await reserveQuota(deps, requesterOf(n), `lat-${n}-${sequence++}`, usage);
        if (!r.ok) throw new Error(r.message);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return {
    latencies: latencies.sort((a, b) => a - b),
    achieved: latencies.length / ((performance.now() - start) / 1000),
    late,
  };
}

const perSecond = await capacity();
const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");
console.log(
  `quota reservations on PostgreSQL, ${CLIENTS} concurrent clients over a pool of ${POOL} connections (${seconds} s per phase):`,
);
console.log(
  `  capacity: ${fmt(perSecond)} reservations/s (each moves 2 counter rows, user and workspace, and appends one ledger row)`,
);
let p99At2000 = Number.NaN;
for (const rate of (process.env.RATES ?? "1000,2000").split(",").map(Number)) {
  const { latencies, achieved, late } = await latencyAt(rate);
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  if (rate === 2000) p99At2000 = at(0.99);
  console.log(
    `  at ${fmt(rate)}/s offered: ${fmt(achieved)}/s served; p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, max ${at(1).toFixed(2)} ms (${late} started late)`,
  );
}
console.log(
  `  targets: ≥ 2,000/s ${perSecond >= 2000 ? "met" : "NOT met"}; p99 < 5 ms at 2,000/s ${p99At2000 < 5 ? "met" : "NOT met"}`,
);
await database.db.execute(sql.raw(`DROP SCHEMA "${schema}" CASCADE`));
await database.close();
