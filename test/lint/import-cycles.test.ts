import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// No import cycle in src, type-only imports included: a cycle means two files that can't be
// understood (or moved) apart.

const SRC = fileURLToPath(new URL("../../src", import.meta.url));
const IMPORT = /^\s*(?:import|export)\s+(?:type\s+)?(?:[^"';]*?\sfrom\s+)?["'](\.[^"']+)["']/gmu;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

function cycles(): string[][] {
  const graph = new Map(
    sourceFiles(SRC).map((f) => [
      f,
      [...readFileSync(f, "utf8").matchAll(IMPORT)].map((m) => resolve(dirname(f), m[1] ?? "")),
    ]),
  );
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): void => {
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next) || done.has(next)) continue;
      const at = path.indexOf(next);
      if (at !== -1) found.push([...path.slice(at), next].map((f) => relative(SRC, f)));
      else visit(next);
    }
    path.pop();
    done.add(file);
  };
  for (const file of graph.keys()) if (!done.has(file)) visit(file);
  return found;
}

describe("imports", () => {
  it("GIVEN every file in src THEN no import cycle, type-only imports included", () => {
    expect(cycles()).toEqual([]);
  });
});
