import { join } from "node:path";
import { takePidLock } from "../app/pid-lock.ts";

export interface DataDirLock {
  release(): void;
}

/** Raised when another live process holds the embedded database's folder. */
export class DataDirBusyError extends Error {
  readonly pid: number;
  constructor(dataDir: string, pid: number) {
    super(
      `Another framecast process (pid ${pid}) is using the embedded database in ${dataDir}. Only one process can open it: stop that one, give this one its own FRAMECAST_DATA_DIR, or set DATABASE_URL to share a PostgreSQL server between processes.`,
    );
    this.name = "DataDirBusyError";
    this.pid = pid;
  }
}

/**
 * PGlite has no locking of its own and two processes on one folder corrupt it, so a lock file
 * holds the owner's pid (app/pid-lock.ts).
 */
const heldHere = new Set<string>();

export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, "framecast.lock");
  if (heldHere.has(path)) throw new DataDirBusyError(dataDir, process.pid);
  const lock = takePidLock(path);
  if (!lock.ok) throw new DataDirBusyError(dataDir, lock.pid);
  heldHere.add(path);
  return {
    release: () => {
      heldHere.delete(path);
      lock.release();
    },
  };
}
