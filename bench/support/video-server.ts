// For bench/deliver.ts, in its own process so its buffers don't count: GET /video.mp4 streams
// argv[2] (or ?mb=) MB of bytes (made as they are sent) as video/mp4; POST /upload counts what it receives.
// Sends its port to the parent over IPC.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const defaultMb = Number(process.argv[2] ?? 100);
const chunk = Buffer.alloc(64 * 1024, 7);

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  if (req.method === "GET" && url.pathname === "/video.mp4") {
    const size = Number(url.searchParams.get("mb") ?? defaultMb) * 1024 * 1024;
    res.writeHead(200, { "content-type": "video/mp4", "content-length": size });
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += part.length;
        if (!res.write(part)) {
          res.once("drain", pump);
          return;
        }
      }
      res.end();
    };
    pump();
    return;
  }
  if (req.method === "POST" && req.url === "/upload") {
    let received = 0;
    req.on("data", (d: Buffer) => {
      received += d.length;
    });
    req.on("end", () => res.end(String(received)));
    return;
  }
  res.writeHead(404).end();
});
server.listen(0, "127.0.0.1", () => process.send?.((server.address() as AddressInfo).port));
