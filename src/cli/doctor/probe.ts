// One harmless HTTP call for doctor, with a time limit; network trouble is a value, not a throw.
// Each call has a connection of its own (doctor runs once; a pooled socket a server has since
// closed would read as ECONNRESET).

import { request } from "undici";
import type { Finding } from "./findings.ts";

export type ProbeReply =
  | { readonly ok: true; readonly status: number; readonly json: unknown; readonly text: string }
  | { readonly ok: false; readonly reason: string };

export interface ProbeCall {
  readonly method?: "GET" | "POST";
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export async function probe(url: string, call: ProbeCall, timeoutMs = 10_000): Promise<ProbeReply> {
  try {
    const res = await request(url, {
      method: call.method ?? "GET",
      headers: call.headers,
      reset: true,
      ...(call.body === undefined ? {} : { body: call.body }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { ok: true, status: res.statusCode, json, text };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const reason =
      error instanceof Error && error.name === "TimeoutError"
        ? `no answer within ${timeoutMs / 1000} s`
        : cause instanceof Error
          ? ((cause as NodeJS.ErrnoException).code ?? cause.message)
          : String(cause);
    return { ok: false, reason };
  }
}

/** The host of a URL, to name where a call went without its path or query. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A short excerpt of an answer, to quote in a finding. */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/gu, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The finding for a service that did not answer. */
export function unreachable(subject: string, baseUrl: string, variable: string, reason: string): Finding {
  return {
    subject,
    verdict: "fail",
    message: `couldn't reach ${subject.replace(/^provider /u, "")} at ${hostOf(baseUrl)}: ${reason}`,
    fix: `Check this machine's network and DNS, or ${variable} if you set it.`,
  };
}
