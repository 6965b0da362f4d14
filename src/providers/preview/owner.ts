// Which process is rendering a preview. Every process has its own renders in memory; the step
// that asks a job's status may run in any of them (several bots on one database). The renderer
// records itself next to the job's files; another process on the same machine and data folder
// then knows the render is under way (its owner is alive) and waits for the file, rather than
// calling the job lost. Elsewhere, or once the owner is gone, the job is rendered again.

import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { processAlive } from "../../app/pid-lock.ts";

const ownerSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  /** Tells this process from an earlier one with the same pid (a container restarted). */
  token: z.string(),
  /** When the render started (ms since the epoch). */
  startedAt: z.number(),
});

export type Owner = z.infer<typeof ownerSchema>;

/** This process, as recorded in the owner files it writes. */
export interface Renderer {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

export const thisProcess = (): Renderer => ({ pid: process.pid, host: hostname(), token: randomUUID() });

const ownerFile = (jobDir: string): string => join(jobDir, "owner.json");

export async function claim(jobDir: string, me: Renderer, startedAt: number): Promise<void> {
  const owner: Owner = { pid: me.pid, host: me.host, token: me.token, startedAt };
  await writeFile(ownerFile(jobDir), JSON.stringify(owner));
}

export function readOwner(jobDir: string): Owner | undefined {
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(readFileSync(ownerFile(jobDir), "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `owner` is another process still running on this machine (so its render goes on). */
export function renderingElsewhere(owner: Owner, me: Renderer): boolean {
  if (owner.host !== me.host) return false;
  // Our own pid with another token: an earlier run of this process, which is gone.
  return owner.pid !== me.pid && processAlive(owner.pid);
}
