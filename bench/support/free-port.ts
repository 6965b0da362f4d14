// A TCP port free on 127.0.0.1 right now, for a bot process's PORT.

import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once GET /readyz answers 200 (migrated, queue running); rejects if `failed` does first. */
export async function readyAt(port: number, failed: Promise<never>, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > until) throw new Error(`the bot on port ${port} did not become ready`);
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 100)), failed]);
  }
}
