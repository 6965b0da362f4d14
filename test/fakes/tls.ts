// TLS for the fakes' file hosts. framecast fetches pictures only over https and sends a credential
// only over https (issue 13), as the real platforms' file hosts are; so the fakes serve files over
// https too, with a self-signed certificate for 127.0.0.1 (test/fixtures/loopback-tls). The test
// processes trust it as an extra root: vitest.config.ts sets NODE_EXTRA_CA_CERTS for its workers.
// Nothing in src/ knows about it, and no code path there sends a credential over plain http.

import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";

/** The certificate: vitest.config.ts makes every test worker trust it (NODE_EXTRA_CA_CERTS). */
const LOOPBACK_CERT_PATH = new URL("../fixtures/loopback-tls/cert.pem", import.meta.url);
const CERT = readFileSync(LOOPBACK_CERT_PATH, "utf8");
const KEY = readFileSync(new URL("../fixtures/loopback-tls/key.pem", import.meta.url), "utf8");

/** An https server on a free loopback port; resolves with it and its base URL. */
export async function listenLoopbackTls(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void,
): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer({ cert: CERT, key: KEY }, (req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, baseUrl: `https://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Closes an https server the fakes started, connections and all. */
export async function closeTls(server: Server | undefined): Promise<void> {
  if (server === undefined) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
