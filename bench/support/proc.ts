// CPU use from /proc (Linux): a process's user + system time, and the whole machine's busy time,
// so a benchmark can say how much of the machine its subject had (on a shared VM, not all of it).

import { readFileSync } from "node:fs";

const TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system, all threads) a process has used so far. */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** Busy and total CPU seconds of the whole machine so far (all cores; idle and iowait are not busy). */
export function machineCpuSeconds(): { busy: number; total: number } {
  const [, ...ticks] = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/u);
  const n = ticks.map(Number);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: (total - (n[3] ?? 0) - (n[4] ?? 0)) / TICKS, total: total / TICKS };
}

/** The machine's load averages over 1, 5 and 15 minutes ("0.52 0.58 0.59"): quiet or busy? */
export function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}
