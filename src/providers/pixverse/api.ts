// The PixVerse platform API's plumbing (reference/providers.md §1): every call carries `API-KEY`
// and a fresh `Ai-trace-id` (a UUID, unique per request); every answer is `{ErrCode, ErrMsg, Resp}`,
// errors usually with HTTP 200, so ErrCode decides; ids are int64, kept exact.

import { randomUUID } from "node:crypto";
import type { FormData } from "undici";
import { ProviderError } from "../errors.ts";
import { type HttpPolicy, type HttpReply, httpError, send, withRetries } from "../http.ts";
import { parseJsonExact, unexpectedAnswer } from "../json.ts";
import { envelopeSchema, moderationRejectionSchema } from "./schemas.ts";

export interface CallOptions {
  readonly body?: string | FormData;
  readonly json?: boolean;
  readonly signal?: AbortSignal | undefined;
}

export class PixverseApi {
  readonly #apiKey: string;
  readonly #baseUrl: string;
  readonly #http: HttpPolicy;

  constructor(apiKey: string, baseUrl: string, http: HttpPolicy) {
    this.#apiKey = apiKey;
    this.#baseUrl = baseUrl;
    this.#http = http;
  }

  /** One API call with retries; returns `Resp` of a successful envelope. */
  call(method: "GET" | "POST", path: string, what: string, options: CallOptions = {}): Promise<unknown> {
    const url = new URL(path, this.#baseUrl).toString();
    return withRetries(this.#http, async () => {
      const headers: Record<string, string> = { "API-KEY": this.#apiKey, "Ai-trace-id": randomUUID() };
      if (options.json === true) headers["Content-Type"] = "application/json";
      const reply = await send(
        "pixverse",
        {
          method,
          url,
          headers,
          ...(options.body === undefined ? {} : { body: options.body }),
          ...(options.signal ? { signal: options.signal } : {}),
        },
        this.#http.timeoutMs,
      );
      return unwrap(reply, what);
    });
  }
}

function unwrap(reply: HttpReply, what: string): unknown {
  let data: unknown;
  try {
    data = parseJsonExact(reply.text);
  } catch {
    if (reply.status !== 200) throw httpError("pixverse", reply, what);
    throw unexpectedAnswer("pixverse", what, "the answer is not JSON");
  }
  // The upload endpoint's moderation rejection: HTTP 500 with a lower-case envelope.
  const moderated = moderationRejectionSchema.safeParse(data);
  if (moderated.success) {
    throw new ProviderError("pixverse", `${what} rejected by moderation: ${moderated.data.err_msg}`, {
      httpStatus: reply.status,
      providerCode: String(moderated.data.err_code),
      retryable: false,
      moderated: true,
    });
  }
  if (reply.status !== 200) throw httpError("pixverse", reply, what);
  const envelope = envelopeSchema.safeParse(data);
  if (!envelope.success) throw unexpectedAnswer("pixverse", what, envelope.error.message);
  if (envelope.data.ErrCode !== 0) {
    throw new ProviderError(
      "pixverse",
      `${what} refused: ${envelope.data.ErrMsg} (ErrCode ${envelope.data.ErrCode})`,
      {
        httpStatus: reply.status,
        providerCode: String(envelope.data.ErrCode),
        retryable: false,
      },
    );
  }
  return envelope.data.Resp;
}
