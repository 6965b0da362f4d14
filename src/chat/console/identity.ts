import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

// Which console a job belongs to, when several share one PostgreSQL: its conversation's channel.
// A console is its data folder on its machine, so one restarted there shows the jobs its previous
// run left; while another live process holds that folder's console, this one is a console of its
// own (its pid), so neither shows the other's jobs.

export interface ConsoleIdentity {
  readonly channelId: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the folder's console (a lock file holding our pid; a dead process's is taken over). */
function take(path: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) return false;
      rmSync(path, { force: true });
    }
  }
  return false;
}

export function consoleIdentity(dataDir: string): ConsoleIdentity {
  mkdirSync(dataDir, { recursive: true });
  const folder = createHash("sha256")
    .update(`${hostname()}:${realpathSync(dataDir)}`)
    .digest("hex")
    .slice(0, 12);
  const lock = join(dataDir, "console.lock");
  if (take(lock)) return { channelId: `console-${folder}`, release: () => rmSync(lock, { force: true }) };
  return { channelId: `console-${folder}-${process.pid}`, release: () => {} };
}
