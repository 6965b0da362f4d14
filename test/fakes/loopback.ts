// The HTTP side every provider fake shares: a server on 127.0.0.1 at a free port.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Starts a server on a free loopback port; resolves with it and its base URL. */
export async function listenLoopback(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void,
): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Stops accepting connections and resolves once the open ones are done. */
export function closeServer(server: Server | undefined): Promise<void> {
  return new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
}
