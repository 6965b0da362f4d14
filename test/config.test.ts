import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { DEFAULT_PRICE_TABLE } from "../src/core/pricing.ts";

describe("config", () => {
  it("GIVEN no settings THEN defaults: one credit per cent, the default price table", () => {
    const r = loadConfig({});
    expect(r.ok && r.config.pricing).toEqual({ table: DEFAULT_PRICE_TABLE, centsPerCredit: 1 });
  });

  it("GIVEN a partial price table THEN merges it over the defaults", () => {
    const r = loadConfig({
      FRAMECAST_PRICES: JSON.stringify({
        v6: { perSecondCents: { "1080p": 20 }, audioPerSecondCents: { "720p": 9 } },
      }),
    });
    if (!r.ok) throw new Error(r.problems.join());
    expect(r.config.pricing.table.v6.perSecondCents).toEqual({
      "360p": 7,
      "540p": 7,
      "720p": 7,
      "1080p": 20,
    });
    expect(r.config.pricing.table.v6.audioPerSecondCents["720p"]).toBe(9);
    expect(r.config.pricing.table["v5.6"]).toEqual(DEFAULT_PRICE_TABLE["v5.6"]);
  });

  it.each([
    [{ FRAMECAST_PRICES: "{not json" }, "FRAMECAST_PRICES: is not valid JSON"],
    [{ FRAMECAST_PRICES: JSON.stringify({ v7: {} }) }, "FRAMECAST_PRICES"],
    [
      { FRAMECAST_PRICES: JSON.stringify({ v6: { perSecondCents: { "720p": -1 } } }) },
      "FRAMECAST_PRICES.v6.perSecondCents.720p",
    ],
    [{ FRAMECAST_CREDIT_CENTS: "0" }, "FRAMECAST_CREDIT_CENTS: must be more than 0"],
    [{ FRAMECAST_CREDIT_CENTS: "abc" }, "FRAMECAST_CREDIT_CENTS"],
  ])("GIVEN %j THEN a problem naming %s", (env, problem) => {
    const r = loadConfig(env);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.problems.join("\n")).toContain(problem);
  });
});

describe(".env.example", () => {
  it("GIVEN every example value uncommented THEN the config loads", async () => {
    const { readFile } = await import("node:fs/promises");
    const text = await readFile(new URL("../.env.example", import.meta.url), "utf8");
    const env: Record<string, string> = {};
    for (const line of text.split("\n")) {
      const match = /^# ([A-Z_]+)=(.*)$/u.exec(line);
      if (match?.[1] !== undefined) env[match[1]] = match[2] ?? "";
    }
    expect(Object.keys(env)).toContain("FRAMECAST_PRICES");
    const r = loadConfig(env);
    expect(r.ok ? "ok" : r.problems).toBe("ok");
  });
});
