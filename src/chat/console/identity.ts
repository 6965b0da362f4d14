import { createHash } from "node:crypto";
import { mkdirSync, realpathSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { takePidLock } from "../../app/pid-lock.ts";

// Which console a job belongs to, when several share one PostgreSQL: its conversation's channel.
// A console is its data folder on its machine, so one restarted there shows the jobs its previous
// run left; while another live process holds that folder's console, this one is a console of its
// own (its pid), so neither shows the other's jobs.

export interface ConsoleIdentity {
  readonly channelId: string;
  release(): void;
}

export function consoleIdentity(dataDir: string): ConsoleIdentity {
  mkdirSync(dataDir, { recursive: true });
  const folder = createHash("sha256")
    .update(`${hostname()}:${realpathSync(dataDir)}`)
    .digest("hex")
    .slice(0, 12);
  const lock = takePidLock(join(dataDir, "console.lock"));
  if (lock.ok) return { channelId: `console-${folder}`, release: lock.release };
  return { channelId: `console-${folder}-${process.pid}`, release: () => {} };
}
