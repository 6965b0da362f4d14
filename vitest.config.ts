import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The fakes serve files over https, as the platforms do (framecast fetches pictures only over
// https), with a self-signed certificate for 127.0.0.1: test workers (forked with this process's
// environment) trust it as an extra root. Only tests: nothing in src/ knows about it.
process.env.NODE_EXTRA_CA_CERTS = fileURLToPath(
  new URL("./test/fixtures/loopback-tls/cert.pem", import.meta.url),
);

// Test files run in parallel, at least two at a time: most of the suite waits on a database, a
// child process or a local fake rather than the CPU, and vitest's default (cores − 1) would run
// it one file at a time on a 2-core machine. Every file has its own database (test/support).
// Timeouts are upper bounds, not waits: tests wait on events. They are generous because a test that
// starts a bot process shares the machine with another test file.
export default defineConfig({
  test: { maxWorkers: Math.max(2, availableParallelism()), testTimeout: 30_000, hookTimeout: 60_000 },
});
