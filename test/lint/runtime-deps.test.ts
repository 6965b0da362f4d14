import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { onPostgres } from "../support/database.ts";
import { runCli } from "../support/run-cli.ts";

// The image installs production dependencies only (npm ci --omit=dev) and runs src/main.ts with
// plain node (type stripping): so every package the app imports at run time, from main.ts on,
// must be one that install keeps (package-lock.json marks the others "dev"), and none may be a
// dev dependency of ours. `import type` is erased by Node and needs nothing; `import { type X }`
// is not (it still loads the module).

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const pkg = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as {
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(resolve(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { dev?: boolean }>;
};
/** Whether `npm ci --omit=dev` installs the package (at the top level, where imports find it). */
const installedForProduction = (name: string): boolean => {
  const entry = lock.packages[`node_modules/${name}`];
  return entry !== undefined && entry.dev !== true;
};

const STATIC = /^\s*(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gmu;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/gu;

/** Bare specifiers imported at run time by `entry` and every source file it reaches. */
function runtimeImports(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8").replace(/^\s*\/\/.*$/gmu, "");
    for (const match of [...source.matchAll(STATIC), ...source.matchAll(DYNAMIC)]) {
      const spec = match[1] ?? "";
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec));
      else if (!spec.startsWith("node:") && !builtinModules.includes(spec))
        packages.set(
          spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] ?? spec),
          file,
        );
    }
  };
  visit(entry);
  return packages;
}

describe("run-time dependencies", () => {
  const imports = runtimeImports(resolve(root, "src/main.ts"));

  const named = (entries: [string, string][]): string[] =>
    entries.map(([name, file]) => `${name} (imported by ${file.slice(root.length + 1)})`);

  it("GIVEN the import graph from src/main.ts THEN a production install has every package it loads", () => {
    expect(named([...imports].filter(([name]) => !installedForProduction(name)))).toEqual([]);
  });

  it("GIVEN the import graph from src/main.ts THEN none of what it loads is a dev dependency of ours", () => {
    expect(named([...imports].filter(([name]) => pkg.devDependencies[name] !== undefined))).toEqual([]);
  });

  it("GIVEN the walk THEN it reached the whole app (it is not vacuous)", () => {
    expect([...imports.keys()]).toEqual(expect.arrayContaining(["discord.js", "pg-boss", "pino", "zod"]));
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(["typescript", "vitest"]));
  });
});

// The static walk above reads our sources; this runs the image's start command itself (on
// PostgreSQL; process tests are PostgreSQL-only), with every dev-only package made unresolvable,
// ours or any dependency's, whether imported or required.
describe.runIf(onPostgres())("the start command without dev packages", () => {
  it("GIVEN node --import refuse-dev-packages THEN framecast start migrates, answers /help and exits 0", async () => {
    const url = process.env.DATABASE_URL ?? "";
    const schema = `runtime_${process.pid}`;
    try {
      const r = await runCli(["start"], "/help\n", {
        DATABASE_URL: url,
        FRAMECAST_DB_SCHEMA: schema,
        NODE_OPTIONS: `--import=${resolve(root, "test/support/refuse-dev-packages.ts")}`,
      });
      expect(r.stderr).toBe("");
      expect(r.stdout).toContain("framecast: AI video from a sentence");
      expect(r.code).toBe(0);
    } finally {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      await sql.unsafe(
        `DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_boss" CASCADE`,
      );
      await sql.end();
    }
  }, 30_000);
});
