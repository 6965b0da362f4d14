// Discord under load: ack latency and how soon each /video's job message shows. RATE
// interactions a second for SECONDS seconds, sent through the fake Discord's gateway
// (FakeDiscord.injectInteraction, as INTERACTION_CREATE) to the real bot: `node src/main.ts start`
// as a child process, logged in to the fake with discord.js, on real PostgreSQL (a fresh schema),
// with the fake PixVerse in a third process keeping every video "generating". Ack latency = from
// injection to the fake receiving the interaction's first callback (a reply or a defer); the job
// message is shown by that reply, or by the edit of the deferred original. The mix: 80% /video
// (accepted: quota reserved, job written), 10% /framecast usage, 10% an invalid /video (refused at
// once). Targets (issue 19), at 200/s for 30 s on PostgreSQL: ack p99 < 20 ms, job message shown
// p99 < 1 s; both are printed last. Discord's own deadline for the ack is 3 s.
//   npm run bench:discord                                (PostgreSQL at 127.0.0.1:5432/test)
//   DATABASE_URL=postgres://… RATE=200 DURATION=30 node bench/discord-ack.ts
//   BOT_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" node bench/discord-ack.ts   (profile the bot)

import { once } from "node:events";
import { cpus } from "node:os";
import {
  type APIApplicationCommandInteractionDataOption,
  type APIUser,
  ApplicationCommandOptionType,
  type InteractionType,
} from "discord-api-types/v10";
import { FakeDiscord, RESPONSE_DEADLINE_MS } from "../test/fakes/discord/index.ts";
import { startBotProcess } from "./support/bot-process.ts";
import { startPixverseProcess } from "./support/pixverse-process.ts";
import { loadAverage, machineCpuSeconds, processCpuSeconds } from "./support/proc.ts";

const RATE = Number(process.env.RATE ?? 200);
const SECONDS = Number(process.env.DURATION ?? 30);
const USERS = 100;
const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

type Kind = "video" | "usage" | "invalid";
type Option = APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand>;
const text = (name: string, value: string): Option => ({
  name,
  type: ApplicationCommandOptionType.String,
  value,
});
const integer = (name: string, value: number): Option => ({
  name,
  type: ApplicationCommandOptionType.Integer,
  value,
});
const COMMANDS: Readonly<Record<Kind, { name: string; options: (n: number) => Option[] }>> = {
  video: {
    name: "video",
    options: (n) => [
      text("prompt", `a fox number ${n} in snow`),
      text("model", "v6"),
      integer("duration", 5),
    ],
  },
  usage: {
    name: "framecast",
    options: () => [{ name: "usage", type: ApplicationCommandOptionType.Subcommand, options: [] }],
  },
  invalid: {
    name: "video",
    options: () => [text("prompt", "a fox"), text("model", "v5.6"), integer("duration", 99)],
  },
};
const kindOf = (n: number): Kind => (n % 10 === 8 ? "usage" : n % 10 === 9 ? "invalid" : "video");

const fake = await new FakeDiscord().start();
const users: APIUser[] = Array.from({ length: USERS }, (_, i) => ({
  id: String(223456789012345678n + BigInt(i)),
  username: `member${i}`,
  discriminator: "0",
  global_name: null,
  avatar: null,
}));
const pixverse = await startPixverseProcess();
const bot = startBotProcess({
  databaseUrl: url,
  pixverse,
  env: { DISCORD_TOKEN: fake.token, DISCORD_API_URL: `${fake.restUrl}/api` },
  ...(process.env.BOT_NODE_OPTIONS === undefined ? {} : { nodeOptions: process.env.BOT_NODE_OPTIONS }),
});

const CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback";
const ORIGINAL = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
const payloadOf = (kind: Kind, n: number) =>
  fake.build.slashCommand({
    name: COMMANDS[kind].name,
    options: COMMANDS[kind].options(n),
    user: users[n % USERS],
  });

// Logged in, then warmed up: one of each kind answered, one after another.
await Promise.race([once(fake, "identify"), bot.failed]);
for (let n = 0; n < 30; n++) {
  const payload = fake.injectInteraction(payloadOf(kindOf(n), n));
  await Promise.race([
    fake.waitFor((c) => c.route === CALLBACK && c.params.interaction_id === payload.id, 10_000),
    bot.failed,
  ]);
}

interface Sent {
  readonly kind: Kind;
  readonly at: number;
}
interface Acked {
  readonly kind: Kind;
  readonly ms: number;
  readonly status: number;
  /** 4: answered at once; 5: deferred ("thinking…"). */
  readonly type: number;
}
const sent = new Map<string, Sent>();
const tokens = new Map<string, Sent>();
const acked: Acked[] = [];
/** /video: from injection to its job message showing (the reply, or the deferred original's edit). */
const shown: number[] = [];
fake.on("call", (call) => {
  if (call.method === "PATCH" && call.route === ORIGINAL && call.status === 200) {
    const s = tokens.get(call.params.webhook_token ?? "");
    if (s === undefined) return;
    tokens.delete(call.params.webhook_token ?? "");
    shown.push(performance.now() - s.at);
    return;
  }
  if (call.method !== "POST" || call.route !== CALLBACK) return;
  const s = sent.get(call.params.interaction_id ?? "");
  if (s === undefined) return;
  sent.delete(call.params.interaction_id ?? "");
  const type = Number((call.body as { type?: unknown } | undefined)?.type ?? 0);
  const ms = performance.now() - s.at;
  acked.push({ kind: s.kind, ms, status: call.status, type });
  if (type === 4 && s.kind === "video") {
    shown.push(ms);
    tokens.delete(call.params.interaction_token ?? "");
  }
});

// Open loop: interaction n is due at start + n / RATE, whatever the bot is doing.
const total = Math.round(RATE * SECONDS);
const start = performance.now() + 100;
const loadBefore = loadAverage();
const botCpu0 = processCpuSeconds(bot.child.pid ?? 0);
const ownCpu0 = process.cpuUsage();
const machine0 = machineCpuSeconds();
let next = 0;
let late = 0;
await new Promise<void>((resolve) => {
  const tick = (): void => {
    const due = Math.min(total, Math.floor(((performance.now() - start) * RATE) / 1000) + 1);
    for (; next < due; next++) {
      if (performance.now() - (start + (next * 1000) / RATE) > 10) late++;
      const kind = kindOf(next);
      const payload = payloadOf(kind, next);
      const s = { kind, at: performance.now() };
      sent.set(payload.id, s);
      if (kind === "video") tokens.set(payload.token, s);
      fake.injectInteraction(payload);
    }
    if (next >= total) resolve();
    else setTimeout(tick, Math.max(0, start + (next * 1000) / RATE - performance.now()));
  };
  setTimeout(tick, Math.max(0, start - performance.now()));
});
const sendSeconds = (performance.now() - start) / 1000;
const botCores = (processCpuSeconds(bot.child.pid ?? 0) - botCpu0) / sendSeconds;
const ownCpu = process.cpuUsage(ownCpu0);
/** This process: the injector and the fake Discord, which times the acks (a busy one times late). */
const ownCores = (ownCpu.user + ownCpu.system) / 1e6 / sendSeconds;
const machine1 = machineCpuSeconds();
const machineBusy = (machine1.busy - machine0.busy) / (machine1.total - machine0.total);
// Whatever is still unanswered gets Discord's whole deadline, and a little more, to be answered;
// job messages not shown yet get 15 s.
const drained = (pending: Map<string, Sent>, ms: number): Promise<unknown> =>
  pending.size === 0
    ? Promise.resolve()
    : Promise.race([
        new Promise<void>((resolve) => {
          const check = (): void => {
            if (pending.size > 0) return;
            fake.off("call", check);
            resolve();
          };
          fake.on("call", check);
        }),
        new Promise((resolve) => setTimeout(resolve, ms)),
      ]);
await drained(sent, RESPONSE_DEADLINE_MS + 2_000);
const unanswered = sent.size;
await drained(tokens, 15_000);

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const figures = (values: readonly number[]): string => {
  const ms = [...values].sort((a, b) => a - b);
  return `p50 ${quantile(ms, 0.5).toFixed(1)} ms, p99 ${quantile(ms, 0.99).toFixed(1)} ms, max ${quantile(ms, 1).toFixed(1)} ms`;
};
const all = acked.map((r) => r.ms).sort((a, b) => a - b);
const missed = acked.filter((r) => r.ms > RESPONSE_DEADLINE_MS || r.status >= 300).length + unanswered;
console.log(
  `discord-ack: ${total} interactions offered at ${RATE}/s for ${SECONDS} s, sent at ${(total / sendSeconds).toFixed(0)}/s (${late} more than 10 ms late);` +
    ` the bot as a child process (node src/main.ts start) on PostgreSQL, the fake Discord in this process, the fake PixVerse in a third`,
);
console.log(
  `  while sending: the bot used ${botCores.toFixed(2)} core, the fake Discord (which times the acks) ${ownCores.toFixed(2)}; the machine was ${(machineBusy * 100).toFixed(0)}% busy (all processes, ${cpus().length} cores)`,
);
console.log(`  ack latency (injection → first callback), all: ${figures(all)}`);
for (const kind of ["video", "usage", "invalid"] as const) {
  const rows = acked.filter((r) => r.kind === kind);
  const deferred = rows.filter((r) => r.type === 5).length;
  console.log(
    `    ${kind.padEnd(7)} ${String(rows.length).padStart(5)} (${deferred} deferred): ${figures(rows.map((r) => r.ms))}`,
  );
}
console.log(
  `  /video until its job message shows: ${figures(shown)}${tokens.size > 0 ? ` (${tokens.size} not shown within 15 s)` : ""}`,
);
console.log(`  missed Discord's 3 s deadline: ${missed} (${unanswered} never answered)`);
console.log(`  machine load average (1, 5, 15 min): ${loadBefore} before, ${loadAverage()} after`);
const ackP99 = quantile(all, 0.99);
const shownP99 = quantile(
  [...shown].sort((a, b) => a - b),
  0.99,
);
const verdict = (ok: boolean): string => (ok ? "met" : "NOT met");
console.log("  TARGETS (200/s for 30 s on PostgreSQL):");
console.log(`    ack p99 ${ackP99.toFixed(1)} ms (< 20 ms): ${verdict(ackP99 < 20)}`);
console.log(
  `    job message shown p99 ${shownP99.toFixed(0)} ms (< 1000 ms): ${verdict(shownP99 < 1000 && tokens.size === 0)}`,
);

await bot.stop(60_000); // long enough for a --cpu-prof profile to be written
pixverse.stop();
await fake.stop();
