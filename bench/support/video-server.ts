// For bench/deliver.ts, in its own process so its buffers don't count: GET /video.mp4 streams the
// MP4 file given as argv[2] (or ?path=); POST /upload counts what it receives. Sends its port to
// the parent over IPC.

import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const defaultPath = process.argv[2] ?? "";

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  if (req.method === "GET" && url.pathname === "/video.mp4") {
    const path = url.searchParams.get("path") ?? defaultPath;
    res.writeHead(200, { "content-type": "video/mp4", "content-length": statSync(path).size });
    createReadStream(path).pipe(res);
    return;
  }
  if (req.method === "POST" && url.pathname === "/upload") {
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
