import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { expect } from "vitest";
import type { FakePixverse } from "../fakes/pixverse.ts";
import { fakePixverseEnv } from "./bot-env.ts";
import { MAIN } from "./run-cli.ts";

// The real bot as a child process on the console platform, on a PostgreSQL schema of its own,
// against a fake PixVerse: started, stopped and restarted by process tests (crash, SIGTERM), which
// then wait on the database itself for every job to end and check that each ended exactly once.

const FINAL = ["delivered", "failed", "moderated", "canceled", "timed_out"];

export class BotProcesses {
  readonly schema = `bot_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  /** Each run's stdout, in the order they were started. */
  readonly outputs: string[] = [];
  /** Runs that exited on their own (not stopped by the test). */
  readonly failures: string[] = [];
  readonly sql: postgres.Sql;
  current: ChildProcess | undefined;
  readonly #url: string;
  readonly #dataDir = mkdtempSync(join(tmpdir(), "framecast-bot-"));
  readonly #fake: FakePixverse;
  readonly #env: NodeJS.ProcessEnv;
  #changed: (() => void) | undefined;

  constructor(url: string, fake: FakePixverse, env: NodeJS.ProcessEnv = {}) {
    this.#url = url;
    this.#fake = fake;
    this.#env = env;
    this.sql = postgres(url, { max: 2, onnotice: () => {} });
  }

  start(): ChildProcess {
    const child = spawn(process.execPath, [MAIN, "start"], {
      cwd: this.#dataDir, // not the checkout: a .env there must not reach tests
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: this.#url,
        FRAMECAST_DB_SCHEMA: this.schema,
        FRAMECAST_DATA_DIR: this.#dataDir,
        ...fakePixverseEnv(this.#fake),
        ...this.#env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const index = this.outputs.push("") - 1;
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      this.outputs[index] += d;
    });
    let err = "";
    child.stderr?.setEncoding("utf8").on("data", (d: string) => {
      err += d;
    });
    child.on("exit", (code, signal) => {
      if (child.signalCode === "SIGKILL" || stopped.has(child)) return;
      this.failures.push(`the bot exited (${code ?? signal}): ${err.slice(-500)}`);
      this.#changed?.();
    });
    this.current = child;
    return child;
  }

  /** Sends `signal` to the running bot; resolves with its exit code once it has exited. */
  stop(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.current;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null)
      return Promise.resolve(child?.exitCode ?? null);
    stopped.add(child);
    return new Promise((resolve) => {
      child.once("exit", (code) => resolve(code));
      child.kill(signal);
    });
  }

  /** Resolves once the running bot has printed `count` matches of `pattern` since it started. */
  printed(pattern: RegExp, count: number): Promise<void> {
    const child = this.current;
    const index = this.outputs.length - 1;
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if ((this.outputs[index]?.match(pattern) ?? []).length >= count) resolve();
      };
      child?.on("exit", () =>
        reject(new Error(this.failures.join("; ") || "the bot stopped before printing it")),
      );
      child?.stdout?.on("data", check);
      check();
    });
  }

  async states(): Promise<Map<string, string>> {
    const rows = await this.sql.unsafe<{ id: string; state: string }[]>(
      `SELECT id, state FROM "${this.schema}".jobs`,
    );
    return new Map(rows.map((r) => [r.id, r.state]));
  }

  /**
   * Makes the database say when a job or a reservation changes (a test-only trigger), so the wait
   * below wakes on the very change it waits for: the last step of a job, its money settling,
   * prints nothing and calls no provider.
   */
  async watchDatabase(): Promise<void> {
    const channel = `${this.schema}_changed`;
    await this.sql.unsafe(`
      CREATE FUNCTION "${this.schema}".bot_test_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('${channel}', TG_TABLE_NAME); RETURN NULL; END $$;
      CREATE TRIGGER bot_test_notify AFTER INSERT OR UPDATE ON "${this.schema}".jobs
        FOR EACH STATEMENT EXECUTE FUNCTION "${this.schema}".bot_test_notify();
      CREATE TRIGGER bot_test_notify AFTER INSERT OR UPDATE ON "${this.schema}".reservations
        FOR EACH STATEMENT EXECUTE FUNCTION "${this.schema}".bot_test_notify();`);
    await this.sql.listen(channel, () => this.#changed?.());
  }

  /** Resolves when `jobs` jobs have ended and their money is settled, re-checking on every change. */
  async allEnded(jobs: number): Promise<Map<string, string>> {
    for (;;) {
      const next = new Promise<void>((resolve) => {
        this.#changed = resolve;
      });
      if (this.failures.length > 0) throw new Error(this.failures.join("; "));
      const s = await this.states();
      const [open] = await this.sql.unsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "${this.schema}".reservations WHERE state = 'reserved'`,
      );
      if (s.size === jobs && [...s.values()].every((st) => FINAL.includes(st)) && open?.n === 0) return s;
      await next;
    }
  }

  /**
   * Every ended job was posted exactly once if delivered (never if not), and charged or refunded
   * exactly once; every usage counter equals its reserve entries minus its refund entries.
   */
  async expectEachEndedOnce(ended: Map<string, string>): Promise<void> {
    const ledger = await this.sql.unsafe<{ job_id: string; kinds: string }[]>(
      `SELECT job_id, string_agg(kind, ',' ORDER BY id) AS kinds FROM "${this.schema}".ledger GROUP BY job_id`,
    );
    const kinds = new Map(ledger.map((r) => [r.job_id, r.kinds]));
    const posts = this.outputs.join("\n").match(/Video saved to \S+/gu) ?? [];
    for (const [id, state] of ended) {
      expect(kinds.get(id)).toBe(state === "delivered" ? "reserve,charge" : "reserve,refund");
      expect(posts.filter((p) => p.includes(id)).length).toBe(state === "delivered" ? 1 : 0);
    }
    const [mismatch] = await this.sql.unsafe<{ n: number }[]>(`
      SELECT count(*)::int AS n FROM "${this.schema}".usage_counters u
      WHERE u.day_videos <> (SELECT count(*) FROM "${this.schema}".ledger l
                             WHERE l.kind = 'reserve' AND l.counters @> jsonb_build_array(jsonb_build_object('key', u.counter_key)))
                        - (SELECT count(*) FROM "${this.schema}".ledger l
                             WHERE l.kind = 'refund' AND l.counters @> jsonb_build_array(jsonb_build_object('key', u.counter_key)))`);
    expect(mismatch?.n).toBe(0);
  }

  /** Kills whatever still runs and drops the schemas. */
  async close(): Promise<void> {
    await this.stop("SIGKILL");
    // A killed bot's server-side sessions may still hold locks for a moment: DROP can deadlock.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.sql.unsafe(
          `DROP SCHEMA IF EXISTS "${this.schema}" CASCADE; DROP SCHEMA IF EXISTS "${this.schema}_boss" CASCADE`,
        );
        break;
      } catch (error) {
        if (attempt >= 5 || (error as { code?: string }).code !== "40P01") throw error;
      }
    }
    await this.sql.end();
  }
}

/**
 * Resolves once `fake` has received `n` requests matching `path` since request number `since`
 * (those already received count). `act` runs the moment the last one arrives, before the fake
 * answers it, e.g. to kill the bot at that very point.
 */
export function afterRequests(
  fake: FakePixverse,
  path: RegExp,
  n: number,
  since: number,
  act: () => void = () => {},
): Promise<void> {
  let seen = fake.requests.slice(since).filter((r) => path.test(r.path)).length;
  return new Promise((resolve) => {
    const reached = (): void => {
      fake.off("request", onRequest);
      act();
      resolve();
    };
    const onRequest = (p: string): void => {
      if (path.test(p) && ++seen >= n) reached();
    };
    if (seen >= n) reached();
    else fake.on("request", onRequest);
  });
}

/** Processes the test itself stopped: their exit is expected. */
const stopped = new WeakSet<ChildProcess>();
