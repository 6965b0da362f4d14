// The /framecast admin language. Examples:
//   quota set user:@ada videos:10 period:day     quota set users seconds:120      (every user)
//   quota set role:@Patrons videos:20 period:week   quota set workspace credits:5000 period:month
//   quota set channel:#renders videos:50           quota set global credits:20000 period:month
//   quota clear user:@ada period:day               quota list
//   usage                                          concurrency user:2 workspace:6
//   block word:gore    unblock word:gore           blocked
//   channels allow:#renders   channels remove:#renders   channels all   channels
//   admins add:@ada   admins remove:@ada          defaults model:v6 quality:1080p
//   continue max:90 (the longest video Continue joins, seconds; none: the default)
//   limits models:v5.6,v6 quality:720p            limits models:all quality:none

import { CHAIN_SECONDS_MAX, CHAIN_SECONDS_MIN, DEFAULT_CHAIN_SECONDS } from "../extend.ts";
import { tokenize, type Word } from "../grammar/tokenize.ts";
import { PERIODS, type Period } from "../quota/periods.ts";
import type { Dimension } from "../quota/refusal.ts";
import { mentionId } from "./mention.ts";

export type QuotaTarget =
  | { readonly scope: "user"; readonly subjectId: string }
  | { readonly scope: "users" }
  | { readonly scope: "role"; readonly subjectId: string }
  | { readonly scope: "channel"; readonly subjectId: string }
  | { readonly scope: "workspace" }
  | { readonly scope: "global" };

export type LimitPatch = Partial<Record<Dimension, number | null>>;

export type AdminCommand =
  | { readonly kind: "help" }
  | {
      readonly kind: "quota-set";
      readonly target: QuotaTarget;
      readonly period: Period;
      readonly limits: LimitPatch;
    }
  | { readonly kind: "quota-clear"; readonly target: QuotaTarget; readonly period: Period }
  | { readonly kind: "quota-list" }
  | { readonly kind: "usage" }
  | { readonly kind: "concurrency"; readonly user?: number | null; readonly workspace?: number | null }
  | { readonly kind: "block" | "unblock"; readonly words: readonly string[] }
  | { readonly kind: "blocked" }
  | { readonly kind: "channels-allow" | "channels-remove"; readonly channels: readonly string[] }
  | { readonly kind: "channels-all" | "channels-list" }
  | { readonly kind: "admins-add" | "admins-remove"; readonly users: readonly string[] }
  | { readonly kind: "admins-list" }
  | { readonly kind: "defaults"; readonly model?: string | null; readonly quality?: string | null }
  | { readonly kind: "continue"; readonly maxSeconds: number | null }
  | { readonly kind: "limits"; readonly models?: readonly string[]; readonly quality?: string | null };

export type AdminParse =
  | { readonly ok: true; readonly command: AdminCommand }
  | { readonly ok: false; readonly message: string };

const fail = (message: string): AdminParse => ({ ok: false, message });
const ok = (command: AdminCommand): AdminParse => ({ ok: true, command });

interface Pair {
  readonly key: string;
  readonly value: string;
}

/** `key:value` words (keys lower-cased); bare words (a run of them is split) have an empty key. */
function pairs(words: readonly Word[]): Pair[] {
  return words.flatMap((w): Pair[] => {
    if (w.key !== undefined && w.dashed !== true) return [{ key: w.key.toLowerCase(), value: w.value ?? "" }];
    if (w.quoted) return [{ key: "", value: w.text }];
    return w.raw
      .split(/\s+/u)
      .filter((x) => x !== "")
      .map((value) => ({ key: "", value }));
  });
}

/** "10" → 10, "none"/"unlimited"/"off" → null (no limit). */
function amount(text: string): number | null | undefined {
  const t = text.trim().toLowerCase();
  if (t === "none" || t === "unlimited" || t === "off") return null;
  return /^\d{1,9}$/u.test(t) ? Number(t) : undefined;
}

function target(first: Pair | undefined): QuotaTarget | string {
  const usage =
    "Name who the limit is for: user:@someone, users (everyone), role:@role, channel:#channel, workspace or global.";
  if (first === undefined) return usage;
  const id = mentionId(first.value);
  if (first.key === "") {
    const word = first.value.toLowerCase();
    if (word === "users" || word === "everyone") return { scope: "users" };
    if (word === "workspace" || word === "server" || word === "team") return { scope: "workspace" };
    if (word === "global") return { scope: "global" };
    return usage;
  }
  if (id === undefined) return `${first.key}: needs a value, e.g. ${first.key}:@name.`;
  if (first.key === "user") return { scope: "user", subjectId: id };
  if (first.key === "role") return { scope: "role", subjectId: id };
  if (first.key === "channel") return { scope: "channel", subjectId: id };
  return usage;
}

function period(rest: readonly Pair[]): Period | string {
  const p = rest.find((x) => x.key === "period");
  if (p === undefined) return "day";
  const value = p.value.toLowerCase().replace(/ly$/u, "").replace(/^dai$/u, "day");
  const found = PERIODS.find((x) => x === value);
  return found ?? `period must be day, week or month, not "${p.value}".`;
}

function quota(args: readonly Pair[]): AdminParse {
  const [verb, first, ...rest] = args;
  const action = verb?.value.toLowerCase();
  if (action === "list" || action === undefined) return ok({ kind: "quota-list" });
  if (action !== "set" && action !== "clear")
    return fail(`quota ${action}? Use quota set, quota clear or quota list.`);
  const t = target(first);
  if (typeof t === "string") return fail(t);
  const p = period(rest);
  if (!PERIODS.includes(p as Period)) return fail(p);
  if (action === "clear") return ok({ kind: "quota-clear", target: t, period: p as Period });
  const limits: { -readonly [K in Dimension]?: number | null } = {};
  for (const pair of rest) {
    if (pair.key === "period") continue;
    const dimension = (
      {
        videos: "videos",
        video: "videos",
        seconds: "seconds",
        secs: "seconds",
        s: "seconds",
        credits: "credits",
      } as const
    )[pair.key as "videos"];
    if (dimension === undefined)
      return fail(
        `Unknown limit "${pair.key || pair.value}". Limits are videos:N, seconds:N and credits:N (or none).`,
      );
    const n = amount(pair.value);
    if (n === undefined) return fail(`${pair.key}: must be a whole number or "none", not "${pair.value}".`);
    limits[dimension] = n;
  }
  if (Object.keys(limits).length === 0)
    return fail("Give at least one limit: videos:N, seconds:N or credits:N.");
  return ok({ kind: "quota-set", target: t, period: p as Period, limits });
}

function ids(args: readonly Pair[], key: string): string[] | string {
  const found = args.filter((a) => a.key === key).map((a) => mentionId(a.value));
  if (found.length === 0 || found.some((x) => x === undefined))
    return `Name at least one, e.g. ${key}:${key === "allow" || key === "remove" ? "#channel" : "@someone"}.`;
  return found as string[];
}

/** `continue max:90`: seconds within CHAIN_SECONDS_MIN–MAX, or none (back to the default). */
function continueLimit(rest: readonly Pair[]): AdminParse {
  const usage = `Write continue max:<seconds>, ${CHAIN_SECONDS_MIN}–${CHAIN_SECONDS_MAX} (or none for the default, ${DEFAULT_CHAIN_SECONDS} s): the longest video Continue may join.`;
  const [pair, ...more] = rest;
  if (pair === undefined || more.length > 0 || (pair.key !== "max" && pair.key !== "")) return fail(usage);
  const n = amount(pair.value.replace(/s$/iu, ""));
  if (n === undefined) return fail(usage);
  if (n !== null && (n < CHAIN_SECONDS_MIN || n > CHAIN_SECONDS_MAX))
    return fail(`${n} s is outside ${CHAIN_SECONDS_MIN}–${CHAIN_SECONDS_MAX}. ${usage}`);
  return ok({ kind: "continue", maxSeconds: n });
}

export function parseAdminCommand(text: string): AdminParse {
  const args = pairs(tokenize(text));
  const [head, ...rest] = args;
  const verb = head?.value.toLowerCase();
  switch (verb) {
    case undefined:
    case "help":
      return ok({ kind: "help" });
    case "quota":
    case "quotas":
      return quota(rest);
    case "usage":
      return ok({ kind: "usage" });
    case "concurrency": {
      const values: { user?: number | null; workspace?: number | null } = {};
      for (const pair of rest) {
        const n = amount(pair.value);
        if ((pair.key !== "user" && pair.key !== "workspace") || n === undefined) {
          return fail("Write concurrency user:N workspace:N (N a whole number, or none).");
        }
        values[pair.key] = n;
      }
      if (Object.keys(values).length === 0)
        return fail("Write concurrency user:N workspace:N (N a whole number, or none).");
      return ok({ kind: "concurrency", ...values });
    }
    case "block":
    case "unblock": {
      const words = rest
        .filter((a) => a.key === "word" || a.key === "")
        .map((a) => a.value.trim().toLowerCase())
        .filter((w) => w !== "");
      if (words.length === 0) return fail(`Name the word: ${verb} word:something.`);
      return ok({ kind: verb, words });
    }
    case "blocked":
      return ok({ kind: "blocked" });
    case "defaults": {
      const values: { model?: string | null; quality?: string | null } = {};
      for (const pair of rest) {
        if (pair.key !== "model" && pair.key !== "quality")
          return fail("Write defaults model:v6 quality:1080p (or none).");
        values[pair.key] = pair.value.toLowerCase() === "none" ? null : pair.value;
      }
      if (Object.keys(values).length === 0) return fail("Write defaults model:v6 quality:1080p (or none).");
      return ok({ kind: "defaults", ...values });
    }
    case "continue":
      return continueLimit(rest);
    case "limits":
      return limits(rest);
    case "channels": {
      if (rest.length === 0) return ok({ kind: "channels-list" });
      if (rest.length === 1 && rest[0]?.key === "" && rest[0].value.toLowerCase() === "all")
        return ok({ kind: "channels-all" });
      const key = rest[0]?.key === "remove" ? "remove" : "allow";
      const channels = ids(rest, key);
      if (typeof channels === "string") return fail(channels);
      return ok({ kind: key === "allow" ? "channels-allow" : "channels-remove", channels });
    }
    case "admins": {
      if (rest.length === 0) return ok({ kind: "admins-list" });
      const key = rest[0]?.key === "remove" ? "remove" : "add";
      const users = ids(rest, key);
      if (typeof users === "string") return fail(users);
      return ok({ kind: key === "add" ? "admins-add" : "admins-remove", users });
    }
    default:
      return fail(`/framecast admin has no "${verb}". Try /framecast admin help.`);
  }
}

const LIMITS_HELP = "Write limits models:v5.6,v6 quality:720p (models:all and quality:none lift them).";

/** `limits models:a,b quality:720p`: which models, and the highest quality, /video may use here. */
function limits(rest: readonly Pair[]): AdminParse {
  const values: { models?: string[]; quality?: string | null } = {};
  for (const pair of rest) {
    const value = pair.value.trim().toLowerCase();
    if (pair.key === "models" || pair.key === "model")
      values.models = value === "all" ? [] : value.split(/[\s,]+/u).filter((m) => m !== "");
    else if (pair.key === "quality") values.quality = value === "none" ? null : value;
    else return fail(LIMITS_HELP);
  }
  return Object.keys(values).length === 0 ? fail(LIMITS_HELP) : ok({ kind: "limits", ...values });
}
