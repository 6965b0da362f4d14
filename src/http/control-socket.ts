// The embedded database opens in one process only. While a bot runs on it, `framecast usage` and
// `framecast doctor` on the same machine ask that bot instead, through a Unix socket in its data
// folder (owner-only). Read-only questions; nothing here changes anything.

import { createHash } from "node:crypto";
import { chmodSync, rmSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";

/** What the running bot answers. */
export interface ControlAnswers {
  readonly spend: (since: Date) => Promise<unknown>;
  /** Jobs that reached a provider since the date (`framecast usage --provider`). */
  readonly providerJobs: (since: Date) => Promise<unknown>;
  readonly migrations: () => Promise<{ readonly applied: number; readonly shipped: number }>;
}

/** Where a bot on `dataDir` listens: in the folder, or (a path too long for a socket) in tmp. */
export function controlSocketPath(dataDir: string): string {
  const inFolder = join(resolve(dataDir), "framecast.sock");
  // Unix socket paths are limited to about 104 bytes (sun_path).
  if (Buffer.byteLength(inFolder) <= 100) return inFolder;
  const id = createHash("sha256").update(resolve(dataDir)).digest("hex").slice(0, 16);
  return join(tmpdir(), `framecast-${id}.sock`);
}

const sinceQuery = z.iso.datetime();

export async function serveControl(
  dataDir: string,
  answers: ControlAnswers,
): Promise<{ close(): Promise<void> }> {
  const path = controlSocketPath(dataDir);
  // This process holds the data folder's lock: a socket file left there is a stopped bot's.
  rmSync(path, { force: true });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://framecast");
    const answer = async (): Promise<unknown> => {
      if (req.method !== "GET") return undefined;
      if (url.pathname === "/migrations") return answers.migrations();
      const since = sinceQuery.safeParse(url.searchParams.get("since"));
      if (url.pathname === "/spend" && since.success) return answers.spend(new Date(since.data));
      if (url.pathname === "/provider-jobs" && since.success)
        return answers.providerJobs(new Date(since.data));
      return undefined;
    };
    answer().then(
      (body) => send(res, body === undefined ? 404 : 200, body ?? { error: "not found" }),
      () => send(res, 500, { error: "the bot could not read its database" }),
    );
  });
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(path, () => done());
  });
  chmodSync(path, 0o600);
  return {
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
