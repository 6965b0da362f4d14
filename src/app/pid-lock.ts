// A lock file holding its owner's pid, for what one process on this machine may hold at a time
// (the embedded database's folder, a folder's console). A lock left by a process that no longer
// runs is taken over; our own pid in it is a previous run's (in a container the bot is always
// pid 1), so it is stale too.

import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";

/** Whether process `pid` runs on this machine (EPERM: it does, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export type PidLock = { readonly ok: true; release(): void } | { readonly ok: false; readonly pid: number };

/** Takes the lock at `path`, or says which live process holds it. */
export function takePidLock(path: string): PidLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { ok: true, release: () => rmSync(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid))
        return { ok: false, pid };
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${path}`);
}
