import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakePixverse } from "../fakes/pixverse.ts";
import { onPostgres } from "../support/database.ts";
import { MAIN } from "../support/run-cli.ts";

// The bot as a separate process with 50 jobs in flight against a slow fake provider, killed with
// SIGKILL at five different points and restarted each time: every job must end delivered exactly
// once or refunded exactly once, and the ledger must add up. PostgreSQL only (the embedded
// database is one process by design, and a killed PGlite process is the same as a restart).

const JOBS = 50;

describe.runIf(onPostgres())("crash and restart", () => {
  const url = process.env.DATABASE_URL ?? "";
  const schema = `crash_${process.pid}`;
  const fake = new FakePixverse();
  const dataDir = mkdtempSync(join(tmpdir(), "framecast-crash-"));
  const outputs: string[] = [];
  const failures: string[] = [];
  let bot: ChildProcess | undefined;
  const sql = postgres(url, { max: 2, onnotice: () => {} });

  beforeAll(async () => {
    await fake.start();
    fake.nextScript = [5];
  });
  afterAll(async () => {
    bot?.kill("SIGKILL");
    await fake.stop();
    await sql.unsafe(
      `DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_boss" CASCADE`,
    );
    await sql.end();
  });

  function start(): ChildProcess {
    const child = spawn(process.execPath, [MAIN, "start"], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: url,
        FRAMECAST_DB_SCHEMA: schema,
        FRAMECAST_DATA_DIR: dataDir,
        PIXVERSE_API_KEY: fake.apiKey,
        PIXVERSE_API_URL: fake.baseUrl,
        FRAMECAST_MEDIA_HOSTS: new URL(fake.baseUrl).host,
        FRAMECAST_USER_DAILY_VIDEOS: "none",
        FRAMECAST_USER_DAILY_SECONDS: "none",
        FRAMECAST_USER_CONCURRENT: "none",
        // Ten at a time, so submissions go on all through the test and can be interrupted too.
        FRAMECAST_WORKSPACE_CONCURRENT: "10",
        FRAMECAST_STEP_EXPIRY_SECONDS: "3",
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    outputs.push("");
    const index = outputs.length - 1;
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      outputs[index] = out;
    });
    let err = "";
    child.stderr?.setEncoding("utf8").on("data", (d: string) => {
      err += d;
    });
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") return;
      failures.push(`the bot exited (${code ?? signal}): ${err.slice(-500)}`);
      changed?.();
    });
    bot = child;
    return child;
  }

  /**
   * Kills the bot the moment the fake has received `n` requests matching `path` since `since` (an
   * index into its request log), counting those already received.
   */
  function killAt(path: RegExp, n: number, since = fake.requests.length): Promise<void> {
    let seen = fake.requests.slice(since).filter((r) => path.test(r.path)).length;
    return new Promise((resolve) => {
      const kill = (): void => {
        fake.off("request", onRequest);
        bot?.once("exit", () => resolve());
        bot?.kill("SIGKILL");
      };
      const onRequest = (p: string): void => {
        if (path.test(p) && ++seen >= n) kill();
      };
      if (seen >= n) kill();
      else fake.on("request", onRequest);
    });
  }

  async function states(): Promise<Map<string, string>> {
    const rows = await sql.unsafe<{ id: string; state: string }[]>(`SELECT id, state FROM "${schema}".jobs`);
    return new Map(rows.map((r) => [r.id, r.state]));
  }

  /**
   * Makes the database say when a job or a reservation changes (a test-only trigger), so the wait
   * below wakes on the very change it waits for: the last step of a job, its money settling,
   * prints nothing and calls no provider.
   */
  async function watchDatabase(onChange: () => void): Promise<void> {
    const channel = `${schema}_changed`;
    await sql.unsafe(`
      CREATE FUNCTION "${schema}".crash_test_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('${channel}', TG_TABLE_NAME); RETURN NULL; END $$;
      CREATE TRIGGER crash_test_notify AFTER INSERT OR UPDATE ON "${schema}".jobs
        FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".crash_test_notify();
      CREATE TRIGGER crash_test_notify AFTER INSERT OR UPDATE ON "${schema}".reservations
        FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".crash_test_notify();`);
    await sql.listen(channel, onChange);
  }

  let changed: (() => void) | undefined;

  /** Resolves when every job has ended and its money is settled, re-checking on every change. */
  async function allEnded(): Promise<Map<string, string>> {
    for (;;) {
      const next = new Promise<void>((resolve) => {
        changed = resolve;
      });
      if (failures.length > 0) throw new Error(failures.join("; "));
      const s = await states();
      const [open] = await sql.unsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "${schema}".reservations WHERE state = 'reserved'`,
      );
      const ended = [...s.values()].every((st) =>
        ["delivered", "failed", "moderated", "canceled", "timed_out"].includes(st),
      );
      if (s.size === JOBS && ended && open?.n === 0) return s;
      await next;
    }
  }

  it("GIVEN 50 jobs in flight and five kill -9s at different points THEN each ends delivered once or refunded once", async () => {
    const first = start();
    const accepted = new Promise<void>((resolve, reject) => {
      first.on("exit", () =>
        reject(new Error(failures.join("; ") || "the bot stopped before accepting every job")),
      );
      first.stdout?.on("data", () => {
        if ((outputs[0]?.match(/^ℹ Queued · #/gmu) ?? []).length >= JOBS) resolve();
      });
    });
    fake.failNext("hang", "hang", "hang", "hang", "hang");
    first.stdin?.write(Array.from({ length: JOBS }, (_, i) => `/video fox number ${i} --dur 5\n`).join(""));
    await accepted;
    await watchDatabase(() => changed?.());

    // The fake keeps every video generating until the test finishes some, so each kill point
    // below is certain to come, whatever the machine's speed.
    // 1: with five submissions received by the provider and not yet answered.
    await killAt(/\/video\/text\/generate$/u, 5, 0);
    // 2: in the middle of polling.
    start();
    await killAt(/\/video\/result\//u, 15);
    // 3: as the first finished video is being fetched.
    fake.finish(5);
    start();
    await killAt(/^\/media\//u, 1);
    // 4: with deliveries under way.
    fake.finish(10);
    start();
    await killAt(/^\/media\//u, 6);
    // 5: polling again, after several restarts.
    start();
    await killAt(/\/video\/result\//u, 5);
    // Then every video finishes: the bot must carry each job to its end.
    fake.nextScript = [5, 1];
    fake.finish();
    start();
    const ended = await allEnded();
    expect(failures).toEqual([]);
    bot?.kill("SIGKILL");

    const ledger = await sql.unsafe<{ job_id: string; kinds: string }[]>(
      `SELECT job_id, string_agg(kind, ',' ORDER BY id) AS kinds FROM "${schema}".ledger GROUP BY job_id`,
    );
    const kinds = new Map(ledger.map((r) => [r.job_id, r.kinds]));
    const posts = outputs.join("\n").match(/Video saved to \S+/gu) ?? [];
    for (const [id, state] of ended) {
      expect(kinds.get(id)).toBe(state === "delivered" ? "reserve,charge" : "reserve,refund");
      const postsOfJob = posts.filter((p) => p.includes(id)).length;
      expect(postsOfJob).toBe(state === "delivered" ? 1 : 0);
    }
    expect([...ended.values()].filter((s) => s === "delivered").length).toBeGreaterThan(JOBS / 2);
    const [mismatch] = await sql.unsafe<{ n: number }[]>(`
      SELECT count(*)::int AS n FROM "${schema}".usage_counters u
      WHERE u.day_videos <> (SELECT count(*) FROM "${schema}".ledger l
                             WHERE l.kind = 'reserve' AND l.counters @> jsonb_build_array(jsonb_build_object('key', u.counter_key)))
                        - (SELECT count(*) FROM "${schema}".ledger l
                             WHERE l.kind = 'refund' AND l.counters @> jsonb_build_array(jsonb_build_object('key', u.counter_key)))`);
    expect(mismatch?.n).toBe(0);
  }, 240_000);
});
