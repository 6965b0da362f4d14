// Slack under load: ack latency and how soon each /video's job message shows. The real bot
// (`node src/main.ts start` as `npm start` runs it, Slack in HTTP mode) runs as a child process
// against the loopback Slack fake and a fake PixVerse served from this process (every video stays
// "generating", so nothing but accepting and tracking runs). A worker thread, with an event loop of
// its own so the fakes' work doesn't delay its clock, sends signed `/video` slash commands to the
// bot's /slack/events at RATE per second for SECONDS seconds, open loop (each at its scheduled
// time, whatever the previous ones are doing), and times the ack: from sending the request to the
// bot's complete HTTP answer. The job message is shown when the fake receives its
// chat.postMessage. Targets (issue 19), at 200/s for 30 s on PostgreSQL: ack p99 < 20 ms, job
// message shown p99 < 1 s; both are printed last.
//   npm run bench:slack                                  (PostgreSQL at 127.0.0.1:5432/test)
//   DATABASE_URL=postgres://… node bench/slack-ack.ts
//   DATABASE_URL= RATE=100 SECONDS=10 node bench/slack-ack.ts   (embedded PGlite inside the bot)
//   COMMAND=/framecast TEXT=usage node bench/slack-ack.ts (the ack path without making videos)
// The first WARMUP seconds (default 3) are sent at the same rate but not counted.

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import postgres from "postgres";
import { FakePixverse } from "../test/fakes/pixverse.ts";
import { Builders, commandBody, FakeSlack, SlackSender } from "../test/fakes/slack/index.ts";
import { fakePixverseEnv } from "../test/support/bot-env.ts";
import { loadAverage } from "./support/proc.ts";

interface Job {
  readonly endpoint: string;
  readonly secret: string;
  /** The signed form bodies to send, in order. */
  readonly bodies: readonly string[];
  readonly rate: number;
}
interface Result {
  /** Ack latency (ms) of each command, by its number (NaN: no answer). */
  readonly latencies: number[];
  /** When each command was sent (ms since the epoch, comparable across threads). */
  readonly sentAt: number[];
  readonly statuses: [number, number][];
  readonly elapsed: number;
}

if (!isMainThread) {
  const job = workerData as Job;
  const sender = new SlackSender(job.secret);
  const latencies: number[] = new Array<number>(job.bodies.length).fill(Number.NaN);
  const sentAt: number[] = new Array<number>(job.bodies.length).fill(Number.NaN);
  const statuses = new Map<number, number>();
  const sends: Promise<void>[] = [];
  const started = performance.now();
  for (const [i, fields] of job.bodies.entries()) {
    const wait = started + (i * 1000) / job.rate - performance.now();
    if (wait > 1) await sleep(wait);
    const count = (status: number): void => {
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    };
    sentAt[i] = performance.timeOrigin + performance.now();
    sends.push(
      sender
        .send(job.endpoint, { kind: "form", fields: Object.fromEntries(new URLSearchParams(fields)) })
        .then(
          (sent) => {
            latencies[i] = sent.ms;
            count(sent.status);
          },
          () => count(0),
        ),
    );
  }
  await Promise.all(sends);
  const result: Result = {
    latencies,
    sentAt,
    statuses: [...statuses],
    elapsed: (performance.now() - started) / 1000,
  };
  parentPort?.postMessage(result);
  process.exit(0);
}

const RATE = Number(process.env.RATE ?? 200);
const SECONDS = Number(process.env.SECONDS ?? 30);
const WARMUP = Number(process.env.WARMUP ?? 3);
const COMMAND = process.env.COMMAND ?? "/video";
/** `{i}` becomes the command's number, so every prompt differs. */
const TEXT = process.env.TEXT ?? "a fox number {i} --dur 5";
// PostgreSQL by default, as the targets are set there; `DATABASE_URL=` (empty) runs embedded PGlite.
const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `bench_${randomBytes(4).toString("hex")}`;

const slack = await new FakeSlack().start();
/** When each command's job message was posted (chat.postMessage), by the command's number. */
const postedAt = new Map<number, number>();
slack.on("call", (call) => {
  if (call.kind !== "api" || call.method !== "chat.postMessage") return;
  const n = /a fox number (\d+)\b/u.exec(JSON.stringify(call.args))?.[1];
  if (n !== undefined && !postedAt.has(Number(n)))
    postedAt.set(Number(n), performance.timeOrigin + performance.now());
});
const build = new Builders(slack);
const sender = new SlackSender(slack.signingSecret);
const pixverse = new FakePixverse();
pixverse.nextScript = [5];
await pixverse.start();

const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const { port: free } = probe.address() as { port: number };
    probe.close(() => resolve(free));
  });
});
const bot = spawn(process.execPath, [new URL("../src/main.ts", import.meta.url).pathname, "start"], {
  cwd: tmpdir(), // not the checkout: a .env there must not reach a bench
  env: {
    PATH: process.env.PATH,
    // As `npm start` and the Docker image run the bot.
    NODE_OPTIONS: process.env.BOT_NODE_OPTIONS ?? "--max-semi-space-size=1",
    HOME: process.env.HOME,
    ...(url === "" ? {} : { DATABASE_URL: url, FRAMECAST_DB_SCHEMA: schema }),
    FRAMECAST_DATA_DIR: mkdtempSync(join(tmpdir(), "framecast-slack-ack-")),
    LOG_LEVEL: "warn",
    PORT: String(port),
    SLACK_BOT_TOKEN: slack.token,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    ...fakePixverseEnv(pixverse),
  },
  stdio: ["ignore", "inherit", "inherit"],
});
const endpoint = `http://127.0.0.1:${port}/slack/events`;

// Ready when /readyz answers (the database is migrated and the queue runs).
for (let i = 0; ; i++) {
  const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  if (i > 600 || bot.exitCode !== null) throw new Error("the bot did not become ready");
  await sleep(100);
}
// One request to warm up bolt's auth.test and the connection.
await sender.send(
  endpoint,
  commandBody(build.slashCommand({ text: "/framecast help", command: "/framecast" })),
);

const total = RATE * SECONDS;
/** Sent first at the same rate and not counted: JIT compilation, connection pools, caches. */
const warmup = RATE * WARMUP;
const bodies = Array.from({ length: warmup + total }, (_, i) => {
  const body = commandBody(build.slashCommand({ command: COMMAND, text: TEXT.replaceAll("{i}", String(i)) }));
  return body.kind === "form" ? new URLSearchParams(body.fields).toString() : "";
});
const loadBefore = loadAverage();
const worker = new Worker(new URL(import.meta.url), {
  workerData: { endpoint, secret: slack.signingSecret, bodies, rate: RATE } satisfies Job,
});
const result = await new Promise<Result>((resolve, reject) => {
  worker.once("message", resolve);
  worker.once("error", reject);
});
const latencies = result.latencies.slice(warmup);
const elapsed = result.elapsed - WARMUP;
const statuses = new Map(result.statuses);
const quantile = (values: readonly number[], q: number): string => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN).toFixed(1);
};
const at = (q: number): string => quantile(latencies, q);
/** p99 per 5-second window: shows whether acks slow down as the bot's work in flight grows. */
const windows: string[] = [];
for (let start = 0; start < total; start += RATE * 5)
  windows.push(quantile(latencies.slice(start, start + RATE * 5), 0.99));

// How many of the commands became jobs with a progress message, once the bot has caught up.
const posted = (): number =>
  slack.calls.filter((c) => c.kind === "api" && c.method === "chat.postMessage").length;
for (let i = 0; COMMAND === "/video" && i < 600 && posted() < warmup + total; i++) await sleep(100);

// Job message shown: from sending the command to the fake receiving its chat.postMessage.
const shown = result.sentAt.slice(warmup).map((sent, i) => (postedAt.get(warmup + i) ?? Number.NaN) - sent);
const notShown = COMMAND === "/video" ? shown.filter((ms) => Number.isNaN(ms)).length : 0;
const ackP99 = Number(at(0.99));
const shownP99 = Number(quantile(shown, 0.99));
const verdict = (ok: boolean): string => (ok ? "met" : "NOT met");
process.stdout.write(
  [
    `slack ack: ${total} signed ${COMMAND} commands at ${RATE}/s over ${elapsed.toFixed(1)} s, after ${warmup} not counted (${url === "" ? "PGlite" : "PostgreSQL"})`,
    `  ack latency ms: p50 ${at(0.5)}  p90 ${at(0.9)}  p99 ${at(0.99)}  max ${at(1)}`,
    `  p99 per 5 s: ${windows.join(" · ")}`,
    `  HTTP statuses: ${[...statuses].map(([s, n]) => `${s === 0 ? "error" : s}×${n}`).join(", ")}`,
    `  progress messages posted: ${posted()}${COMMAND === "/video" ? ` of ${warmup + total}` : ""}`,
    ...(COMMAND === "/video"
      ? [
          `  job message shown ms (command sent → chat.postMessage): p50 ${quantile(shown, 0.5)}  p90 ${quantile(shown, 0.9)}  p99 ${quantile(shown, 0.99)}  max ${quantile(shown, 1)}${notShown > 0 ? ` (${notShown} never shown)` : ""}`,
        ]
      : []),
    `  machine load average (1, 5, 15 min): ${loadBefore} before, ${loadAverage()} after`,
    "  TARGETS (200/s for 30 s on PostgreSQL):",
    `    ack p99 ${ackP99.toFixed(1)} ms (< 20 ms): ${verdict(ackP99 < 20)}`,
    ...(COMMAND === "/video"
      ? [
          `    job message shown p99 ${shownP99.toFixed(0)} ms (< 1000 ms): ${verdict(shownP99 < 1000 && notShown === 0)}`,
        ]
      : []),
    "",
  ].join("\n"),
);

bot.kill("SIGTERM");
await new Promise((resolve) => bot.once("exit", resolve));
await slack.stop();
await pixverse.stop();
if (url !== "") {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql.unsafe(
    `DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_boss" CASCADE`,
  );
  await sql.end();
}
