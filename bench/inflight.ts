// Many jobs in flight in one bot process. The real bot (`node src/main.ts start`, console chat)
// runs as a child process against a fake PixVerse served from this process, which keeps every
// video "generating" until told otherwise. Three phases:
//  1. accept JOBS `/video` commands and wait until the provider has every one of them;
//  2. tracking: for WINDOW seconds the bot only follows its jobs; the bot process's CPU (from
//     /proc: user + system time of all its threads) and RSS are sampled;
//  3. every video finishes; wait until all are delivered.
// Prints RSS, CPU and provider requests per job. Targets (issues 5 and 19): RSS < 300 MB and
// < 0.25 core while tracking 10,000 jobs. The bot runs with `npm start`'s Node flags.
//   npm run bench:inflight                       (PostgreSQL at 127.0.0.1:5432/test)
//   DATABASE_URL=postgres://… node bench/inflight.ts
//   DATABASE_URL= JOBS=1000 node bench/inflight.ts   (embedded PGlite inside the bot process)
//   JOBS=2000 WINDOW=30 node bench/inflight.ts

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { FakePixverse } from "../test/fakes/pixverse.ts";
import { fakePixverseEnv } from "../test/support/bot-env.ts";
import { loadAverage, processCpuSeconds } from "./support/proc.ts";

const JOBS = Number(process.env.JOBS ?? 10_000);
const WINDOW = Number(process.env.WINDOW ?? 60);
// PostgreSQL by default; `DATABASE_URL=` (empty) runs embedded PGlite.
const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `bench_${randomBytes(4).toString("hex")}`;

const fake = new FakePixverse();
fake.nextScript = [5];
await fake.start();
const counts = { submit: 0, poll: 0, media: 0 };
fake.on("request", (path: string) => {
  if (path.endsWith("/generate")) counts.submit++;
  else if (path.includes("/video/result/")) counts.poll++;
  else if (path.startsWith("/media/")) counts.media++;
});

const dataDir = mkdtempSync(join(tmpdir(), "framecast-inflight-"));
const bot = spawn(process.execPath, [new URL("../src/main.ts", import.meta.url).pathname, "start"], {
  cwd: tmpdir(), // not the checkout: a .env there must not reach a bench
  env: {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // As `npm start` and the Docker image run the bot.
    NODE_OPTIONS: process.env.BOT_NODE_OPTIONS ?? "--max-semi-space-size=1",
    ...(url === "" ? {} : { DATABASE_URL: url, FRAMECAST_DB_SCHEMA: schema }),
    FRAMECAST_DATA_DIR: dataDir,
    ...fakePixverseEnv(fake),
  },
  stdio: ["pipe", "pipe", "inherit"],
});
let queued = 0;
let delivered = 0;
let ended = 0;
const waiters: (() => void)[] = [];
const wake = (): void => {
  for (const w of waiters.splice(0)) w();
};
let tail = "";
bot.stdout.setEncoding("utf8").on("data", (d: string) => {
  const text = tail + d;
  const lines = text.split("\n");
  tail = lines.pop() ?? "";
  for (const line of lines) {
    if (/^ℹ Queued · #/u.test(line)) queued++;
    else if (line.includes("Video saved to")) delivered++;
    else if (line.startsWith("✗")) ended++; // failed or timed out (a very slow machine)
  }
  wake();
});
fake.on("request", wake);
const until = async (done: () => boolean): Promise<void> => {
  while (!done()) await new Promise<void>((resolve) => waiters.push(resolve));
};

/** CPU seconds (user + system) and RSS in MB of the bot process, from /proc. */
function usage(): { cpu: number; rssMb: number } {
  const cpu = processCpuSeconds(bot.pid ?? 0);
  const rss = /VmRSS:\s+(\d+) kB/u.exec(readFileSync(`/proc/${bot.pid}/status`, "utf8"));
  return { cpu, rssMb: Number(rss?.[1] ?? 0) / 1024 };
}

const t0 = performance.now();
for (let i = 0; i < JOBS; i++) {
  if (!bot.stdin.write(`/video fox number ${i} --dur 5\n`))
    await new Promise<void>((resolve) => bot.stdin.once("drain", () => resolve()));
}
await until(() => queued >= JOBS);
const acceptSeconds = (performance.now() - t0) / 1000;
await until(() => counts.submit >= JOBS);
const submitSeconds = (performance.now() - t0) / 1000;
process.stderr.write(
  `accepted ${JOBS} in ${acceptSeconds.toFixed(1)} s, all submitted after ${submitSeconds.toFixed(1)} s; tracking for ${WINDOW} s…\n`,
);

const loadBefore = loadAverage();
const before = usage();
const pollsBefore = counts.poll;
let peak = before.rssMb;
const samples: number[] = [];
const sampler = setInterval(() => {
  const u = usage();
  peak = Math.max(peak, u.rssMb);
  samples.push(u.rssMb);
}, 1_000);
await new Promise((resolve) => setTimeout(resolve, WINDOW * 1_000));
clearInterval(sampler);
const after = usage();
const loadAfter = loadAverage();
const cores = (after.cpu - before.cpu) / WINDOW;
const pollsInWindow = counts.poll - pollsBefore;

fake.finish();
fake.nextScript = [5, 1];
const t1 = performance.now();
await until(() => delivered + ended >= JOBS);
const deliverSeconds = (performance.now() - t1) / 1000;

const db = url === "" ? "embedded PGlite (inside the bot process: its CPU counts)" : "PostgreSQL";
console.log(`inflight: ${JOBS} jobs, ${db}, fake PixVerse in the parent process`);
console.log(
  `  tracking (${WINDOW} s): CPU ${cores.toFixed(2)} core, RSS ${after.rssMb.toFixed(0)} MB (peak ${peak.toFixed(0)} MB)` +
    `, ${(pollsInWindow / WINDOW).toFixed(0)} status polls/s = ${((pollsInWindow / JOBS / WINDOW) * 60).toFixed(1)} per job per minute`,
);
console.log(
  `  provider requests per job, whole run: ${((counts.submit + counts.poll + counts.media) / JOBS).toFixed(1)}` +
    ` (submit ${(counts.submit / JOBS).toFixed(2)}, status ${(counts.poll / JOBS).toFixed(1)}, download ${(counts.media / JOBS).toFixed(2)})`,
);
console.log(
  `  accept ${(JOBS / acceptSeconds).toFixed(0)} jobs/s; all submitted after ${submitSeconds.toFixed(0)} s; all delivered ${deliverSeconds.toFixed(0)} s after the videos finished${ended > 0 ? ` (${ended} failed or timed out instead)` : ""}`,
);
console.log(`  machine load average (1, 5, 15 min): ${loadBefore} before tracking, ${loadAfter} after`);
console.log(
  `  TARGETS: RSS < 300 MB ${peak < 300 ? "met" : "NOT met"}; CPU < 0.25 core ${cores < 0.25 ? "met" : "NOT met"}`,
);

// SIGTERM first, so that a --cpu-prof profile (BOT_NODE_OPTIONS) is written.
const exited = new Promise((resolve) => bot.once("exit", resolve));
bot.kill("SIGTERM");
const kill = setTimeout(() => bot.kill("SIGKILL"), 30_000);
await exited;
clearTimeout(kill);
await fake.stop();
if (url !== "") {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql.unsafe(
    `DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_boss" CASCADE`,
  );
  await sql.end();
}
