// Small helpers shared by the stores: one row shape from both drivers, and retry of the
// transactions PostgreSQL itself may abort under contention.

/** postgres.js returns rows as an array; PGlite as `{ rows }`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  if (typeof result === "object" && result !== null && "rows" in result && Array.isArray(result.rows)) {
    return result.rows as T[];
  }
  return [];
}

/** The SQLSTATE and message of a driver error, looking through drizzle's wrapper. */
export function sqlError(error: unknown): { code: string; message: string } | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 4; depth++) {
    if (typeof e === "object" && "code" in e && typeof e.code === "string" && /^[0-9A-Z]{5}$/u.test(e.code)) {
      return { code: e.code, message: "message" in e && typeof e.message === "string" ? e.message : "" };
    }
    e = typeof e === "object" && "cause" in e ? e.cause : undefined;
  }
  return undefined;
}

export const sqlState = (error: unknown): string | undefined => sqlError(error)?.code;

// deadlock_detected, serialization_failure: the transaction did nothing and may simply run again.
const RETRYABLE = new Set(["40P01", "40001"]);

export async function withRetry<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !RETRYABLE.has(sqlState(error) ?? "")) throw error;
    }
  }
}
