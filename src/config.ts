// The only reader of process.env. Validates everything once, at start-up, and says precisely
// which variable is wrong and what it accepts. Values of secrets are never echoed.

import { z } from "zod";
import {
  DEFAULT_PRICE_TABLE,
  mergePriceTable,
  type Pricing,
  priceTableOverrideSchema,
} from "./core/pricing.ts";

const jsonText = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: "custom", message: "is not valid JSON" });
    return z.NEVER;
  }
});

const envSchema = z.object({
  FRAMECAST_CREDIT_CENTS: z.coerce
    .number({ message: "must be a number of US cents, e.g. 1" })
    .positive("must be more than 0")
    .max(100_000)
    .default(1),
  FRAMECAST_PRICES: jsonText.pipe(priceTableOverrideSchema).optional(),
  NO_COLOR: z.string().optional(),
  COLUMNS: z.coerce.number().int().positive().optional(),
  USER: z.string().optional(),
});

export interface Config {
  readonly pricing: Pricing;
  readonly color: boolean;
  readonly columns: number | undefined;
  /** The console user's name. */
  readonly userName: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const name = issue.path.filter((p) => typeof p === "string").join(".");
        return `${name || "environment"}: ${issue.message}`;
      }),
    };
  }
  const e = parsed.data;
  const table =
    e.FRAMECAST_PRICES === undefined
      ? DEFAULT_PRICE_TABLE
      : mergePriceTable(DEFAULT_PRICE_TABLE, e.FRAMECAST_PRICES);
  return {
    ok: true,
    config: {
      pricing: { table, centsPerCredit: e.FRAMECAST_CREDIT_CENTS },
      color: e.NO_COLOR === undefined || e.NO_COLOR === "",
      columns: e.COLUMNS,
      userName: e.USER ?? "you",
    },
  };
}
