import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirBusyError, lockDataDir } from "../../src/db/data-dir-lock.ts";
import { runCli } from "../support/run-cli.ts";

const fresh = (): string => mkdtempSync(join(tmpdir(), "framecast-lock-"));

describe("one process per embedded data folder", () => {
  it("GIVEN the folder is locked by this process THEN a second open is refused until it is released", () => {
    const dir = fresh();
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirBusyError);
    lock.release();
    lockDataDir(dir).release();
  });

  it("GIVEN a lock left by a live process THEN refused, naming its pid and what to do", () => {
    const dir = fresh();
    writeFileSync(join(dir, "framecast.lock"), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(`Another framecast process (pid ${process.ppid})`);
    expect(() => lockDataDir(dir)).toThrow("set DATABASE_URL");
  });

  it("GIVEN a lock left by a process that is gone (or by our own pid, as after a container restart) THEN taken over", () => {
    for (const stale of ["999999999", String(process.pid)]) {
      const dir = fresh();
      writeFileSync(join(dir, "framecast.lock"), stale);
      const lock = lockDataDir(dir);
      expect(readFileSync(join(dir, "framecast.lock"), "utf8")).toBe(String(process.pid));
      lock.release();
    }
  });

  it("GIVEN framecast start on a folder another process holds THEN it exits with that message, no stack", async () => {
    const dir = fresh();
    writeFileSync(join(dir, "framecast.lock"), String(process.ppid));
    const r = await runCli(["start"], "/help\n", { FRAMECAST_DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Another framecast process");
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/u);
  }, 30_000);
});

describe("the embedded database on disk", () => {
  it("GIVEN framecast migrate, then two runs THEN what the first run stored is there in the second", async () => {
    const dir = fresh();
    const migrated = await runCli(["migrate"], "", { FRAMECAST_DATA_DIR: dir });
    expect(migrated.stdout).toContain(`Migrations applied to the embedded database in ${dir}`);
    await runCli(["start"], "/framecast admin quota set users videos:7\n", { FRAMECAST_DATA_DIR: dir });
    const second = await runCli(["start"], "/framecast usage\n", { FRAMECAST_DATA_DIR: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("0 of 7 · 7 left");
  }, 60_000);
});

describe("a database that can't be reached", () => {
  it("GIVEN DATABASE_URL pointing nowhere THEN a sentence saying why and what to do, without the password", async () => {
    const r = await runCli(["start"], "/usage\n", {
      DATABASE_URL: "postgres://framecast:hunter2@127.0.0.1:1/test",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "framecast can't use the database at DATABASE_URL: connect ECONNREFUSED 127.0.0.1:1",
    );
    expect(r.stderr).not.toContain("hunter2");
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/u);
  });
});
