import { mkdtempSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadVideo, fetchImage, hostAllowed, type MediaPolicy } from "../../src/media/fetch.ts";
import { closeServer, listenLoopback } from "../fakes/loopback.ts";
import { closeTls, listenLoopbackTls } from "../fakes/tls.ts";

const MP4 = readFileSync(new URL("../fixtures/tiny.mp4", import.meta.url));
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
let server: Server;
let base = "";
let policy: MediaPolicy;
/** The same files over plain http, and the Authorization headers it received. */
let plain: Awaited<ReturnType<typeof listenLoopback>>;
const authorizations: (string | undefined)[] = [];

function serve(req: IncomingMessage, res: ServerResponse): void {
  authorizations.push(req.headers.authorization);
  switch (req.url) {
    case "/a.png":
      res.writeHead(200, { "content-type": "image/png" }).end(PNG);
      return;
    case "/page.html":
      res.writeHead(200, { "content-type": "text/html" }).end("<html>");
      return;
    case "/v.mp4":
      res.writeHead(200, { "content-type": "video/mp4" }).end(MP4);
      return;
    case "/huge.mp4": {
      // 3 MB with no Content-Length: the cap must hold while streaming.
      res.writeHead(200, { "content-type": "video/mp4" });
      let sent = 0;
      const chunk = Buffer.alloc(64 * 1024);
      const pump = (): void => {
        while (sent < 3 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
      return;
    }
    case "/redirect-ok":
      res.writeHead(302, { location: "/a.png" }).end();
      return;
    case "/redirect-away":
      res.writeHead(302, { location: "https://evil.example/x.png" }).end();
      return;
    case "/redirect-plain":
      res.writeHead(302, { location: `${plain.baseUrl}/a.png` }).end();
      return;
    default:
      res.writeHead(404).end();
  }
}

beforeAll(async () => {
  ({ server, baseUrl: base } = await listenLoopbackTls(serve));
  plain = await listenLoopback(serve);
  policy = {
    allowedHosts: [new URL(base).host, new URL(plain.baseUrl).host],
    maxBytes: 1024 * 1024,
    timeoutMs: 5_000,
  };
});
afterAll(async () => {
  await closeTls(server);
  await closeServer(plain.server);
});

describe("media fetching", () => {
  it("GIVEN an allowed image THEN its bytes and type; through a redirect on the same host too", async () => {
    expect(await fetchImage(`${base}/a.png`, policy)).toEqual({
      bytes: new Uint8Array(PNG),
      mimeType: "image/png",
    });
    expect((await fetchImage(`${base}/redirect-ok`, policy)).mimeType).toBe("image/png");
  });

  it.each([
    ["a host not on the list", "https://example.com/a.png", "host_not_allowed"],
    ["a redirect to another host", "/redirect-away", "host_not_allowed"],
    ["a web page", "/page.html", "wrong_type"],
    ["a missing file", "/nope.png", "http_error"],
    ["a file scheme", "file:///etc/passwd", "not_https"],
    ["a plain http link", "http://127.0.0.1:9/a.png", "not_https"],
    ["a redirect to plain http", "/redirect-plain", "not_https"],
  ])("GIVEN %s THEN refused (%s)", async (_name, path, code) => {
    await expect(fetchImage(path.startsWith("/") ? `${base}${path}` : path, policy)).rejects.toMatchObject({
      code,
    });
  });

  it("GIVEN a video THEN streamed to a file", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "framecast-fetch-")), "v.mp4");
    expect(await downloadVideo(`${base}/v.mp4`, path, policy)).toEqual({
      bytes: MP4.length,
      mimeType: "video/mp4",
    });
    expect(statSync(path).size).toBe(MP4.length);
  });

  it("GIVEN a secret header for a host THEN sent over https, never over plain http", async () => {
    const withSecret: MediaPolicy = {
      ...policy,
      headers: async () => ({ authorization: "Bearer secret-token" }),
    };
    authorizations.length = 0;
    await fetchImage(`${base}/a.png`, withSecret);
    const path = join(mkdtempSync(join(tmpdir(), "framecast-fetch-")), "v.mp4");
    await downloadVideo(`${plain.baseUrl}/v.mp4`, path, withSecret);
    expect(authorizations).toEqual(["Bearer secret-token", undefined]);
  });

  it("GIVEN a video over the cap with no Content-Length THEN stopped while streaming", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "framecast-fetch-")), "huge.mp4");
    await expect(downloadVideo(`${base}/huge.mp4`, path, policy)).rejects.toMatchObject({
      code: "too_large",
    });
  });

  it.each([
    ["cdn.discordapp.com", "https://cdn.discordapp.com/a.png", true],
    ["*.fal.media", "https://v3.fal.media/x.mp4", true],
    ["*.fal.media", "https://fal.media.evil.com/x.mp4", false],
    ["127.0.0.1:9000", "http://127.0.0.1:9000/x", true],
    ["127.0.0.1:9000", "http://127.0.0.1:9001/x", false],
    ["cdn.discordapp.com", "https://cdn.discordapp.com:8443/a.png", false],
  ])("GIVEN allowed %s THEN %s is %s", (entry, url, ok) => {
    expect(hostAllowed(new URL(url), [entry])).toBe(ok);
  });
});
