import { DataDirBusyError } from "./data-dir-lock.ts";

/** The innermost cause's message: drizzle wraps driver errors as "Failed query: …". */
function rootMessage(error: unknown): string {
  let e: unknown = error;
  for (
    let depth = 0;
    depth < 5 && typeof e === "object" && e !== null && "cause" in e && e.cause !== undefined;
    depth++
  ) {
    e = e.cause;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}

/**
 * What to tell an operator when the database can't be opened: the reason and what to do, never
 * the URL (it may hold a password) and never a stack.
 */
export function describeDatabaseError(error: unknown, usingUrl: boolean): string {
  if (error instanceof DataDirBusyError) return error.message;
  const reason = rootMessage(error).replace(/postgres(?:ql)?:\/\/\S+/giu, "<DATABASE_URL>");
  if (usingUrl) {
    return `framecast can't use the database at DATABASE_URL: ${reason}. Check that PostgreSQL is running, the database exists and the URL is right (or unset DATABASE_URL to use the embedded database).`;
  }
  return `framecast can't open its embedded database: ${reason}. If the data folder is damaged, move it aside (FRAMECAST_DATA_DIR) and start again.`;
}
