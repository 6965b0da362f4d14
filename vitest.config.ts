import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The fakes serve files over https, as the platforms do (framecast fetches pictures only over
// https), with a self-signed certificate for 127.0.0.1: test workers (forked with this process's
// environment) trust it as an extra root. Only tests: nothing in src/ knows about it.
process.env.NODE_EXTRA_CA_CERTS = fileURLToPath(
  new URL("./test/fixtures/loopback-tls/cert.pem", import.meta.url),
);

// Test files run in parallel, at least three at a time: most of the suite waits on a database, a
// child process or a local fake rather than the CPU, and vitest's default (cores − 1) would run
// it one file at a time on a 2-core machine. Measured on 2 cores: PGlite 218 s with two workers,
// 165 s with three; PostgreSQL 240–255 s with two, 155 s with three. Every file has its own database (test/support).
// Timeouts are upper bounds, not waits: tests wait on events. They are generous because a test that
// starts a bot process shares the machine with another test file.
//
// CI runs the suite twice: on the embedded database, then with DATABASE_URL on PostgreSQL. The
// second run takes only the files that touch a database (they import test/support/database.ts or
// read DATABASE_URL); the rest (pure code, lint, fakes, media) would only repeat the first run.

const onPostgres = (process.env.DATABASE_URL ?? "") !== "";

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const usesDatabase = (file: string): boolean =>
  /support\/database\.ts|DATABASE_URL/u.test(readFileSync(file, "utf8"));

export default defineConfig({
  test: {
    maxWorkers: Math.max(3, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    ...(onPostgres ? { include: testFiles("test").filter(usesDatabase) } : {}),
  },
});
