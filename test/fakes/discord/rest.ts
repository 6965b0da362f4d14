// The HTTP side: `/api/v10/...` routes (404 / 405 JSON for others), `Authorization: Bot <token>`
// where Discord needs it (401 otherwise), per-route rate limits with X-RateLimit-* headers on
// every answer, JSON or multipart bodies, and the CDN paths attachment URLs point at. Every call
// is recorded, with the token left out of its headers.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Cdn } from "./cdn.ts";
import { type Reply, reply } from "./errors.ts";
import type { RateLimits } from "./rate-limits.ts";
import { parseBody, readRaw, type UploadedFile } from "./request.ts";
import { majorParameter, match, type Route } from "./routes.ts";

export const API_PREFIX = "/api/v10";

export interface RecordedCall {
  readonly method: string;
  /** The route template, e.g. `/channels/{channel_id}/messages`; undefined for unknown paths. */
  readonly route: string | undefined;
  /** Path after `/api/v10`. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** Request headers, lower-case, without `authorization`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body, or the parsed `payload_json` of a multipart body. */
  readonly body: unknown;
  readonly files: readonly UploadedFile[];
  readonly status: number;
  readonly response: unknown;
  /** Fake-clock time of the call. */
  readonly at: number;
  /** An HTTP interaction's first response, given in the HTTP answer rather than to the endpoint. */
  readonly via?: "http-response";
}

export interface RestDeps {
  readonly routes: readonly Route[];
  readonly token: string;
  readonly rateLimits: RateLimits;
  readonly cdn: Cdn;
  readonly now: () => number;
  readonly record: (call: RecordedCall) => void;
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === "authorization" || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function send(res: ServerResponse, answer: Reply, headers: Record<string, string> = {}): void {
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers).end();
    return;
  }
  res
    .writeHead(answer.status, { ...headers, "content-type": "application/json" })
    .end(JSON.stringify(answer.body));
}

export function restHandler(deps: RestDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const raw = await readRaw(req);
    const cdn = deps.cdn.get(decodeURI(url.pathname));
    if (method === "GET" && cdn !== undefined) {
      res
        .writeHead(200, { "content-type": cdn.contentType, "content-length": cdn.bytes.length })
        .end(cdn.bytes);
      return;
    }
    const versioned = url.pathname.startsWith(`${API_PREFIX}/`);
    // Segments decoded: discord.js sends `@original` as `%40original`.
    const path = (versioned ? url.pathname.slice(API_PREFIX.length) : url.pathname)
      .split("/")
      .map((segment) => decodeURIComponent(segment))
      .join("/");
    const call = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers: headersOf(req),
      at: deps.now(),
    };
    const finish = (answer: Reply, extra: Partial<RecordedCall>, headers?: Record<string, string>): void => {
      send(res, answer, headers);
      deps.record({
        route: undefined,
        params: {},
        body: undefined,
        files: [],
        ...call,
        ...extra,
        status: answer.status,
        response: answer.body,
      });
    };

    const found = versioned ? match(deps.routes, method, path) : undefined;
    if (found === undefined) return finish(reply.notFound(), {});
    if (found === "wrong-method") return finish(reply.methodNotAllowed(), {});
    const { route, params } = found;
    if (route.auth && req.headers.authorization !== `Bot ${deps.token}`) {
      return finish(reply.unauthorized(), { route: route.template, params });
    }
    const parsed = await parseBody(req.headers["content-type"] ?? "", raw);
    const known = { route: route.template, params, body: parsed?.json, files: parsed?.files ?? [] };
    const verdict = deps.rateLimits.take(method, route.template, majorParameter(params));
    if (verdict.limited) {
      const body = { message: "You are being rate limited.", retry_after: verdict.retryAfter, global: false };
      return finish(reply.json(429, body), known, verdict.headers);
    }
    if (parsed === undefined) return finish(reply.invalidJson(), known, verdict.headers);
    const answer = route.handle({ params, query: url.searchParams, json: parsed.json, files: parsed.files });
    finish(answer, known, verdict.headers);
  };
}
