// Video provider keys, each checked with the cheapest call that spends nothing, where the
// provider has one (reference/providers.md); the others are named as not checked.

import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { ProviderId } from "../../app/generation/ports.ts";
import { providerName } from "../../core/views/providers.ts";
import type { ProviderSettings } from "../../providers/settings.ts";
import type { Finding } from "./findings.ts";
import { excerpt, type ProbeReply, probe, unreachable } from "./probe.ts";

export async function checkProviders(settings: ProviderSettings): Promise<Finding[]> {
  return Promise.all(settings.order.map((id) => checkProvider(id, settings)));
}

function checkProvider(id: ProviderId, s: ProviderSettings): Promise<Finding> | Finding {
  if (id === "pixverse" && s.pixverse) return checkPixverse(s.pixverse.apiKey, s.pixverse.baseUrl);
  if (id === "replicate" && s.replicate) return checkReplicate(s.replicate.apiToken, s.replicate.baseUrl);
  if (id === "cloudflare" && s.cloudflare)
    return checkCloudflare(s.cloudflare.apiToken, s.cloudflare.baseUrl);
  if (id === "preview")
    return {
      subject: "provider preview",
      verdict: "ok",
      message: "the offline preview provider makes placeholder videos with ffmpeg (no key, no cost)",
    };
  return {
    subject: `provider ${providerName(id)}`,
    verdict: "skip",
    message: "key set, not checked: this provider has no call that checks a key without spending",
  };
}

const pixverseEnvelope = z.object({
  ErrCode: z.number().int(),
  ErrMsg: z.string().default(""),
  Resp: z.object({ credit_monthly: z.number().optional(), credit_package: z.number().optional() }).optional(),
});

/** GET /openapi/v2/account/balance: PixVerse answers HTTP 200 with a non-zero ErrCode on a bad key. */
async function checkPixverse(apiKey: string, baseUrl: string): Promise<Finding> {
  const subject = "provider PixVerse";
  const reply = await probe(`${baseUrl}/openapi/v2/account/balance`, {
    headers: { "API-KEY": apiKey, "Ai-trace-id": randomUUID() },
  });
  if (!reply.ok) return unreachable(subject, baseUrl, "PIXVERSE_API_URL", reply.reason);
  const body = pixverseEnvelope.safeParse(reply.json);
  if (reply.status === 200 && body.success && body.data.ErrCode === 0) {
    const r = body.data.Resp;
    const credits = (r?.credit_monthly ?? 0) + (r?.credit_package ?? 0);
    return {
      subject,
      verdict: "ok",
      message: `PIXVERSE_API_KEY works${r === undefined ? "" : `: ${credits} credits left`}`,
    };
  }
  if (body.success && body.data.ErrCode !== 0)
    return refused(
      subject,
      "PIXVERSE_API_KEY",
      "PixVerse",
      `ErrCode ${body.data.ErrCode}: ${body.data.ErrMsg}`,
      "platform.pixverse.ai → API keys",
    );
  return unexpected(subject, reply);
}

const replicateAccount = z.object({ username: z.string() });
const replicateProblem = z.object({ detail: z.string() });

/** GET /v1/account: who the token belongs to. */
async function checkReplicate(token: string, baseUrl: string): Promise<Finding> {
  const subject = "provider Replicate";
  const reply = await probe(`${baseUrl}/v1/account`, { headers: { Authorization: `Bearer ${token}` } });
  if (!reply.ok) return unreachable(subject, baseUrl, "REPLICATE_API_URL", reply.reason);
  const account = replicateAccount.safeParse(reply.json);
  if (reply.status === 200 && account.success)
    return { subject, verdict: "ok", message: `REPLICATE_API_TOKEN works: account ${account.data.username}` };
  if (reply.status === 401 || reply.status === 403) {
    const problem = replicateProblem.safeParse(reply.json);
    return refused(
      subject,
      "REPLICATE_API_TOKEN",
      "Replicate",
      `${reply.status}: ${problem.success ? problem.data.detail : excerpt(reply.text)}`,
      "replicate.com/account/api-tokens",
    );
  }
  return unexpected(subject, reply);
}

const cloudflareVerify = z.object({
  success: z.boolean(),
  errors: z.array(z.object({ message: z.string() })).default([]),
});

/** GET /client/v4/user/tokens/verify: whether the token is valid and active. */
async function checkCloudflare(token: string, baseUrl: string): Promise<Finding> {
  const subject = "provider Cloudflare";
  const reply = await probe(`${baseUrl}/client/v4/user/tokens/verify`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!reply.ok) return unreachable(subject, baseUrl, "CLOUDFLARE_API_URL", reply.reason);
  const body = cloudflareVerify.safeParse(reply.json);
  if (reply.status === 200 && body.success && body.data.success)
    return { subject, verdict: "ok", message: "CLOUDFLARE_API_TOKEN works" };
  if (reply.status === 400 || reply.status === 401 || reply.status === 403) {
    const why = body.success ? body.data.errors.map((e) => e.message).join("; ") : excerpt(reply.text);
    return refused(
      subject,
      "CLOUDFLARE_API_TOKEN",
      "Cloudflare",
      `${reply.status}: ${why}`,
      "dash.cloudflare.com → My Profile → API Tokens (Workers AI: Read and Edit)",
    );
  }
  return unexpected(subject, reply);
}

function refused(subject: string, variable: string, provider: string, why: string, where: string): Finding {
  return {
    subject,
    verdict: "fail",
    message: `${variable} was refused by ${provider} (${why})`,
    fix: `Create or copy a key at ${where} and set ${variable} to it.`,
  };
}

function unexpected(subject: string, reply: Extract<ProbeReply, { ok: true }>): Finding {
  return {
    subject,
    verdict: "fail",
    message: `unexpected answer (HTTP ${reply.status}): ${excerpt(reply.text)}`,
    fix: "Try again in a minute; if it persists, the provider may be down.",
  };
}
