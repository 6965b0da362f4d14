// One client for the OpenAI-style gateways; the dialect says which.

import type {
  ProviderJob,
  ProviderStatus,
  SubmitOptions,
  Support,
  VideoProvider,
} from "../../app/generation/ports.ts";
import type { VideoRequest } from "../../core/request.ts";
import { ProviderError } from "../errors.ts";
import {
  DEFAULT_HTTP_POLICY,
  type HttpPolicy,
  type HttpReply,
  httpError,
  send,
  withRetries,
} from "../http.ts";
import { checkedAnswer, unexpectedAnswer } from "../json.ts";
import { noExtend, shotsRefused } from "../model-ids.ts";
import type { GatewayDialect } from "./dialects.ts";

export interface GatewayOptions {
  readonly apiKey: string;
  /** Scheme and host, e.g. https://api.lumenfall.ai or https://api.aigateway.sh. */
  readonly baseUrl: string;
  readonly http?: HttpPolicy;
}

export class GatewayProvider implements VideoProvider {
  readonly id: GatewayDialect["id"];
  readonly #dialect: GatewayDialect;
  readonly #options: GatewayOptions;
  readonly #http: HttpPolicy;

  constructor(dialect: GatewayDialect, options: GatewayOptions) {
    this.id = dialect.id;
    this.#dialect = dialect;
    this.#options = options;
    this.#http = options.http ?? DEFAULT_HTTP_POLICY;
  }

  supports(request: VideoRequest): Support {
    return (
      noExtend(this.#dialect.label, request) ??
      shotsRefused(this.id, request) ??
      this.#dialect.supports(request)
    );
  }

  async submit(request: VideoRequest, options: SubmitOptions): Promise<ProviderJob> {
    const supported = this.supports(request);
    if (!supported.ok) throw new ProviderError(this.id, supported.reason, { retryable: false });
    const reply = await this.#call(
      "POST",
      this.#dialect.createPath,
      "submit",
      JSON.stringify(this.#dialect.body(request)),
      options.signal,
    );
    return { provider: this.id, id: this.#job(reply, "submit").id };
  }

  async status(job: ProviderJob, signal?: AbortSignal): Promise<ProviderStatus> {
    return this.#job(
      await this.#call("GET", this.#dialect.pollPath(job.id), "status", undefined, signal),
      "status",
    ).status;
  }

  #job(reply: HttpReply, what: string): { id: string; status: ProviderStatus } {
    let json: unknown;
    try {
      json = JSON.parse(reply.text);
    } catch {
      if (reply.status < 200 || reply.status >= 300) throw httpError(this.id, reply, what);
      throw unexpectedAnswer(this.id, what, "not JSON");
    }
    if (reply.status < 200 || reply.status >= 300) {
      const e = (json as { error?: { message?: string; type?: string } | string }).error;
      const message = typeof e === "string" ? e : (e?.message ?? `HTTP ${reply.status}`);
      const base = httpError(this.id, reply, what);
      throw new ProviderError(this.id, `${what} refused: ${message}`, {
        httpStatus: reply.status,
        retryable: base.retryable,
        ...(base.retryAfterMs === undefined ? {} : { retryAfterMs: base.retryAfterMs }),
      });
    }
    return checkedAnswer(this.id, what, json, this.#dialect.jobSchema);
  }

  #call(
    method: "GET" | "POST",
    path: string,
    what: string,
    body?: string,
    signal?: AbortSignal,
  ): Promise<HttpReply> {
    const url = new URL(path, this.#options.baseUrl).toString();
    const headers: Record<string, string> = { Authorization: `Bearer ${this.#options.apiKey}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return withRetries(this.#http, async () => {
      const reply = await send(
        this.id,
        { method, url, headers, ...(body === undefined ? {} : { body }), ...(signal ? { signal } : {}) },
        this.#http.timeoutMs,
      );
      if (reply.status === 429 || reply.status >= 500) throw httpError(this.id, reply, what);
      return reply;
    });
  }
}
