// Horizontal scaling (issue 19): 1, 2 and 4 bot instances (`node src/main.ts start`, each its own
// process and PORT) on one PostgreSQL schema, Slack in HTTP mode and Discord in HTTP-interactions
// mode (DISCORD_PUBLIC_KEY, no gateway). This script is the load balancer: `/video` requests go
// round-robin over the instances, open loop at RATE a second for SECONDS seconds, alternating a
// signed Slack slash command and a signed Discord interaction, with a unique prompt each. The
// fake PixVerse (a process of its own) keeps every video generating, so the engines track
// thousands of young jobs while the commands arrive.
// Prints per instance count: throughput (job messages shown per second), how long each command
// took to show its job message (p50/p99), the instances' and the machine's CPU, and checks that
// no job was handled twice: every job message posted once, every prompt sent to PixVerse once.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/horizontal.ts
//   INSTANCES=1,2 RATE=100 SECONDS=10 node bench/horizontal.ts

import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import postgres from "postgres";
import { type RecordedCall as DiscordCall, FakeDiscord } from "../test/fakes/discord/index.ts";
import { Builders, commandBody, FakeSlack, SlackSender } from "../test/fakes/slack/index.ts";
import { type BotProcess, dropSchemas, startBotProcess } from "./support/bot-process.ts";
import { freePort, readyAt } from "./support/free-port.ts";
import { startPixverseProcess } from "./support/pixverse-process.ts";
import { machineCpuSeconds, processCpuSeconds } from "./support/proc.ts";

const INSTANCES = (process.env.INSTANCES ?? "1,2,4").split(",").map(Number);
const RATE = Number(process.env.RATE ?? 100);
const SECONDS = Number(process.env.SECONDS ?? 10);
/** How long job messages not shown yet at the end of sending may take. */
const DRAIN_MS = Number(process.env.DRAIN ?? 30) * 1000;
const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const slack = await new FakeSlack().start();
const slackBuild = new Builders(slack);
const slackSender = new SlackSender(slack.signingSecret);
const discord = await new FakeDiscord().start();
const pixverse = await startPixverseProcess();

/** Each command's marker, in its prompt and so in every message about its job. */
const marker = (n: number): string => `hz${n}x`;
const MARKER = /hz(\d+)x/gu;

interface Command {
  readonly platform: "slack" | "discord";
  readonly sentAt: number;
  /** Discord: the interaction's token, whose @original edit shows a deferred job message. */
  readonly token?: string;
  shownAt?: number;
  /** Messages posted about this command (must be 1). */
  posts: number;
  acked: boolean;
}
let commands = new Map<number, Command>();

/** The commands a message is about (each once, however often its text repeats the prompt). */
const markersIn = (value: unknown): number[] => [
  ...new Set([...JSON.stringify(value ?? null).matchAll(MARKER)].map((m) => Number(m[1]))),
];
const shown = (n: number, at: number): void => {
  const command = commands.get(n);
  if (command !== undefined && command.shownAt === undefined) command.shownAt = at - command.sentAt;
};
slack.on("call", (call) => {
  if (call.kind !== "api" || call.method !== "chat.postMessage" || call.status !== 200) return;
  for (const n of markersIn(call.args)) {
    const command = commands.get(n);
    if (command === undefined) continue;
    command.posts++;
    shown(n, performance.now());
  }
});
const byToken = new Map<string, number>();
discord.on("call", (call: DiscordCall) => {
  if (call.status >= 300) return;
  const callback = call.route?.endsWith("/callback") === true;
  const followUp = call.method === "POST" && call.route === "/webhooks/{webhook_id}/{webhook_token}";
  const original = call.method === "PATCH" && call.path.endsWith("/messages/@original");
  if (callback || followUp) {
    const n = byToken.get(call.params.interaction_token ?? call.params.webhook_token ?? "");
    const command = n === undefined ? undefined : commands.get(n);
    if (n === undefined || command === undefined) return;
    command.posts++;
    if (markersIn(call.body).includes(n)) shown(n, performance.now());
  } else if (original) {
    const n = byToken.get(call.params.webhook_token ?? "");
    if (n !== undefined && markersIn(call.body).includes(n)) shown(n, performance.now());
  }
});

function send(n: number, port: number): void {
  const prompt = `a fox ${marker(n)} in snow`;
  const at = performance.now();
  if (n % 2 === 0) {
    commands.set(n, { platform: "slack", sentAt: at, posts: 0, acked: false });
    const body = commandBody(slackBuild.slashCommand({ command: "/video", text: `${prompt} --dur 5` }));
    void slackSender.send(`http://127.0.0.1:${port}/slack/events`, body).then(
      (sent) => {
        const command = commands.get(n);
        if (command !== undefined) command.acked = sent.status === 200;
      },
      () => {},
    );
    return;
  }
  const payload = discord.build.slashCommand({
    name: "video",
    options: [
      { name: "prompt", type: ApplicationCommandOptionType.String, value: prompt },
      { name: "model", type: ApplicationCommandOptionType.String, value: "v6" },
      { name: "duration", type: ApplicationCommandOptionType.Integer, value: 5 },
    ],
  });
  byToken.set(payload.token, n);
  commands.set(n, { platform: "discord", sentAt: at, token: payload.token, posts: 0, acked: false });
  void discord.sendInteraction(payload, { url: `http://127.0.0.1:${port}/discord/interactions` }).then(
    (outcome) => {
      const command = commands.get(n);
      if (command !== undefined) command.acked = outcome.acknowledged;
    },
    () => {},
  );
}

async function startInstances(
  count: number,
  schema: string,
): Promise<{ bots: BotProcess[]; ports: number[] }> {
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  // All at once, as a deployment scaled to N starts them (they migrate one after another).
  const bots = ports.map((port) =>
    startBotProcess({
      databaseUrl: url,
      schema,
      pixverse,
      env: {
        PORT: String(port),
        LOG_LEVEL: "warn",
        FRAMECAST_WORKSPACE_CONCURRENT: "none",
        SLACK_BOT_TOKEN: slack.token,
        SLACK_SIGNING_SECRET: slack.signingSecret,
        SLACK_API_URL: slack.apiUrl,
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: `${discord.restUrl}/api`,
        DISCORD_PUBLIC_KEY: discord.publicKey,
        DISCORD_GATEWAY: "false",
      },
    }),
  );
  await Promise.all(bots.map((bot, i) => readyAt(ports[i] ?? 0, bot.failed)));
  return { bots, ports };
}

/** Sends commands first..first+total-1 open loop at RATE, round-robin over `ports`. */
async function offer(first: number, total: number, ports: readonly number[]): Promise<number> {
  const start = performance.now() + 50;
  let next = 0;
  let late = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * RATE) / 1000) + 1);
      for (; next < due; next++) {
        if (performance.now() - (start + (next * 1000) / RATE) > 10) late++;
        send(first + next, ports[next % ports.length] ?? 0);
      }
      if (next >= total) resolve();
      else setTimeout(tick, Math.max(0, start + (next * 1000) / RATE - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  return late;
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

async function waitFor(done: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (!(await done()) && performance.now() < until) await new Promise((r) => setTimeout(r, 200));
}

async function run(count: number, numberFrom: number): Promise<string> {
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const { bots, ports } = await startInstances(count, schema);
  const first = ports[0] ?? 0;
  await discord.setInteractionsEndpoint(`http://127.0.0.1:${first}/discord/interactions`);
  // Warm-up, not counted: two of each platform per instance, one after another.
  commands = new Map();
  for (let i = 0; i < count * 4; i++) {
    send(numberFrom + i, ports[i % count] ?? 0);
    await waitFor(() => commands.get(numberFrom + i)?.shownAt !== undefined, 10_000);
  }
  const base = numberFrom + count * 4;
  commands = new Map();
  const total = Math.round(RATE * SECONDS);
  const cpu0 = bots.map((b) => processCpuSeconds(b.child.pid ?? 0));
  const machine0 = machineCpuSeconds();
  const sendStart = performance.now();
  const late = await offer(base, total, ports);
  const sendSeconds = (performance.now() - sendStart) / 1000;
  const cores = bots.reduce((sum, b, i) => sum + processCpuSeconds(b.child.pid ?? 0) - (cpu0[i] ?? 0), 0);
  const machine1 = machineCpuSeconds();
  const busy = (machine1.busy - machine0.busy) / (machine1.total - machine0.total);
  await waitFor(() => [...commands.values()].every((c) => c.shownAt !== undefined), DRAIN_MS);
  const all = [...commands.values()];
  const latencies = all.flatMap((c) => (c.shownAt === undefined ? [] : [c.shownAt])).sort((a, b) => a - b);
  const lastShown = Math.max(...all.map((c) => c.sentAt + (c.shownAt ?? 0))) - sendStart;

  // No job handled twice: one job row per command, each prompt generated once at PixVerse.
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const jobsOf = async (): Promise<number> =>
    Number((await sql.unsafe(`SELECT count(*)::int AS n FROM "${schema}".jobs`))[0]?.n ?? 0);
  const ours = (prompts: readonly string[]): number[] =>
    prompts.flatMap((p) => markersIn(p)).filter((n) => n >= base && n < base + total);
  await waitFor(async () => ours(await pixverse.prompts()).length >= latencies.length, DRAIN_MS);
  const generated = ours(await pixverse.prompts());
  const jobRows = await jobsOf();
  await sql.end();
  const twice = new Set(generated.filter((n, i) => generated.indexOf(n) !== i));
  const postedTwice = all.filter((c) => c.posts > 1).length;
  const notShown = all.length - latencies.length;

  await Promise.all(bots.map((b) => b.stop()));
  await dropSchemas(url, schema);
  const by = (platform: Command["platform"]) =>
    all.filter((c) => c.platform === platform && c.shownAt !== undefined).map((c) => c.shownAt ?? 0);
  const p = (values: number[]): string => {
    const sorted = [...values].sort((a, b) => a - b);
    return `p50 ${quantile(sorted, 0.5).toFixed(0)} ms, p99 ${quantile(sorted, 0.99).toFixed(0)} ms`;
  };
  return [
    `${count} instance${count > 1 ? "s" : ""}: ${total} /video offered at ${RATE}/s over ${sendSeconds.toFixed(1)} s (${late} sent >10 ms late), ${all.filter((c) => c.acked).length} acknowledged`,
    `  throughput: ${(latencies.length / Math.max(sendSeconds, lastShown / 1000)).toFixed(1)} job messages/s (${latencies.length} shown, the last ${(lastShown / 1000).toFixed(1)} s after the first was sent${notShown > 0 ? `; ${notShown} not shown within ${DRAIN_MS / 1000} s` : ""})`,
    `  job message shown: all ${p(latencies)}, max ${quantile(latencies, 1).toFixed(0)} ms · Slack ${p(by("slack"))} · Discord ${p(by("discord"))}`,
    `  CPU while sending: the instances ${(cores / sendSeconds).toFixed(2)} core together; the machine ${(busy * 100).toFixed(0)}% busy (${cpus().length} cores)`,
    `  handled twice: ${postedTwice} job messages posted more than once, ${twice.size} prompts generated more than once (${generated.length} generated, ${jobRows} job rows)`,
  ].join("\n");
}

console.log(
  `horizontal: PostgreSQL, Slack HTTP mode + Discord HTTP interactions, round-robin; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} at start`,
);
let numbers = 0;
for (const count of INSTANCES) {
  console.log(await run(count, numbers));
  numbers += 1_000_000;
}
pixverse.stop();
await slack.stop();
await discord.stop();
