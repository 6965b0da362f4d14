import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// Hadolint's rules that matter for this image, written out (hadolint itself is not an npm package
// and no Docker engine runs here): each `it` names the rules it stands for. A `# hadolint
// ignore=DLxxxx` line exempts the next instruction, and must come with a comment saying why.

interface Instruction {
  readonly keyword: string;
  readonly args: string;
  readonly line: number;
  /** Rules a `# hadolint ignore=` line just above exempts this instruction from. */
  readonly ignored: readonly string[];
}

function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split("\n");
  let ignored: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]?.trim() ?? "";
    const ignore = /^#\s*hadolint\s+ignore=([\w,]+)\s*$/u.exec(line);
    if (ignore) {
      ignored = ignore[1]?.split(",") ?? [];
      continue;
    }
    if (line === "" || line.startsWith("#")) continue;
    while (line.endsWith("\\") && i + 1 < lines.length) {
      i++;
      const next = lines[i]?.trim() ?? "";
      line = `${line.slice(0, -1).trimEnd()} ${next.startsWith("#") ? "" : next}`;
    }
    const [keyword = "", ...rest] = line.split(/\s+/u);
    out.push({ keyword: keyword.toUpperCase(), args: rest.join(" "), line: start + 1, ignored });
    ignored = [];
  }
  return out;
}

const text = readFileSync(new URL("../../Dockerfile", import.meta.url), "utf8");
const all = parseDockerfile(text);
const froms = all.filter((i) => i.keyword === "FROM");
const finalStage = all.slice(all.lastIndexOf(froms.at(-1) as Instruction));
const runs = all.filter((i) => i.keyword === "RUN");
const where = (i: Instruction): string => `line ${i.line}: ${i.keyword} ${i.args}`;

describe("Dockerfile", () => {
  it("DL3006, DL3007: every base image has a pinned version tag, never latest; Node 24 slim", () => {
    const stages = new Set<string>();
    for (const from of froms) {
      const [image = "", as, stage] = from.args.split(/\s+/u);
      if (as?.toUpperCase() === "AS" && stage) stages.add(stage);
      if (stages.has(image)) continue;
      expect(image, where(from)).toMatch(/^[\w./-]+:[\w.-]+$/u);
      expect(image, where(from)).not.toMatch(/:latest$/u);
      expect(image, where(from)).toMatch(/^node:24\.\d+\.\d+-(?:[a-z]+-)?slim$/u);
    }
  });

  it("is multi-stage: the runtime stage copies what an earlier stage built", () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(finalStage.some((i) => i.keyword === "COPY" && /--from=\w+/u.test(i.args))).toBe(true);
  });

  it("DL3008, DL3009, DL3015, DL3014, DL3027: apt-get install -y --no-install-recommends, lists removed in the same RUN", () => {
    for (const run of runs) {
      expect(run.args, where(run)).not.toMatch(/(?:^|[\s;&|])apt\s/u);
      if (/apt-get update/u.test(run.args))
        expect(run.args, `${where(run)}: update alone leaves a stale cache layer`).toMatch(
          /apt-get install/u,
        );
      if (!/apt-get install/u.test(run.args)) continue;
      expect(run.args, where(run)).toMatch(/apt-get install[^&;]*\s(?:-y|--yes|-qq)\b/u);
      expect(run.args, where(run)).toMatch(/--no-install-recommends/u);
      expect(run.args, where(run)).toMatch(/rm -rf \/var\/lib\/apt\/lists\/\*/u);
      if (!run.ignored.includes("DL3008"))
        expect(run.args, `${where(run)}: pin versions or ignore DL3008 with a reason`).toMatch(/=\S/u);
    }
  });

  it("DL4006: a RUN that pipes runs under a SHELL with pipefail, so a failing first command fails the build", () => {
    const pipefail = all.some((i) => i.keyword === "SHELL" && /pipefail/u.test(i.args));
    for (const run of runs.filter((r) => /[^|]\|[^|]/u.test(r.args)))
      expect(pipefail || /set -o pipefail/u.test(run.args), where(run)).toBe(true);
  });

  it("DL3004, DL3020, DL3000: no sudo, COPY rather than ADD, absolute WORKDIR", () => {
    for (const i of all) {
      if (i.keyword === "RUN") expect(i.args, where(i)).not.toMatch(/\bsudo\b/u);
      expect(i.keyword, where(i)).not.toBe("ADD");
      if (i.keyword === "WORKDIR") expect(i.args, where(i)).toMatch(/^\//u);
    }
  });

  it("DL3002: the image runs as a user other than root", () => {
    const user = finalStage.filter((i) => i.keyword === "USER").at(-1);
    expect(user, "the runtime stage sets USER").toBeDefined();
    expect(user?.args).not.toMatch(/^(?:root|0)(?::|$)/u);
  });

  it("HEALTHCHECK asks /healthz on the PORT the image sets", () => {
    const health = finalStage.find((i) => i.keyword === "HEALTHCHECK");
    expect(health?.args).toMatch(/\/healthz/u);
    expect(health?.args).toMatch(/process\.env\.PORT|\$PORT/u);
    expect(finalStage.some((i) => i.keyword === "ENV" && /^PORT=\d+$/u.test(i.args))).toBe(true);
  });

  it("DL3025: CMD and ENTRYPOINT are JSON (exec form), so SIGTERM reaches node and not a shell", () => {
    const commands = all.filter((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT");
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(() => JSON.parse(c.args) as unknown, where(c)).not.toThrow();
    const health = finalStage.find((i) => i.keyword === "HEALTHCHECK");
    const healthCmd = health?.args.replace(/^.*?\bCMD\s+/u, "") ?? "";
    expect(() => JSON.parse(healthCmd) as unknown).not.toThrow();
  });

  it("DL3016-style: dependencies come from the lock file (npm ci), without dev dependencies in the runtime image", () => {
    const installs = runs.filter((r) => /\bnpm (?:ci|install|i)\b/u.test(r.args));
    expect(installs.length).toBeGreaterThan(0);
    for (const r of installs) {
      expect(r.args, where(r)).toMatch(/\bnpm ci\b/u);
      expect(r.args, where(r)).toMatch(/--omit=dev/u);
    }
  });

  it("starts `framecast start` (which applies migrations first) with plain node", () => {
    const cmd = JSON.parse(finalStage.findLast((i) => i.keyword === "CMD")?.args ?? "[]") as string[];
    expect(cmd).toEqual(["node", "src/main.ts", "start"]);
  });

  it("every ignored rule says why, in a comment just above", () => {
    const lines = text.split("\n");
    lines.forEach((line, index) => {
      if (/^#\s*hadolint ignore/u.test(line.trim())) {
        expect(lines[index - 1]?.trim(), `line ${index + 1}`).toMatch(/^#\s*\S/u);
      }
    });
  });

  it(".dockerignore keeps secrets, local data and dependencies out of the build context", () => {
    const ignore = readFileSync(new URL("../../.dockerignore", import.meta.url), "utf8").split("\n");
    for (const entry of [".env", ".git", "node_modules", "data"]) expect(ignore).toContain(entry);
  });
});

describe("Dockerfile lint rules", () => {
  it("GIVEN a Dockerfile breaking the rules THEN the parser sees what they check", () => {
    const bad = parseDockerfile(
      "FROM node:latest\nRUN apt-get update && \\\n  apt-get install ffmpeg\nCMD node src/main.ts\n",
    );
    expect(bad.map((i) => i.keyword)).toEqual(["FROM", "RUN", "CMD"]);
    expect(bad[1]?.args).toBe("apt-get update && apt-get install ffmpeg");
    expect(() => JSON.parse(bad[2]?.args ?? "") as unknown).toThrow();
  });
});

describe(".env.example and compose.yaml", () => {
  const example = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");

  it("GIVEN every variable the configuration reads THEN .env.example shows it", () => {
    // USER is the login name, read for the console's display name.
    const notListed = new Set(["USER"]);
    const variables = ["../../src/config/env-schema.ts", "../../src/providers/settings.ts"].flatMap((file) =>
      [...readFileSync(new URL(file, import.meta.url), "utf8").matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gmu)].map(
        (m) => m[1] ?? "",
      ),
    );
    expect(variables.length).toBeGreaterThan(30);
    const missing = variables.filter((v) => !notListed.has(v) && !new RegExp(`^# ${v}=`, "mu").test(example));
    expect(missing).toEqual([]);
  });

  it("GIVEN compose.yaml THEN the bot waits for a healthy PostgreSQL 17 kept in a volume, with .env", () => {
    const compose = readFileSync(new URL("../../compose.yaml", import.meta.url), "utf8");
    expect(compose).toMatch(/image: postgres:17\b/u);
    expect(compose).toMatch(/- postgres:\/var\/lib\/postgresql\/data/u);
    expect(compose).toMatch(/healthcheck:\s+test: \["CMD-SHELL", "pg_isready/u);
    expect(compose).toMatch(/condition: service_healthy/u);
    expect(compose).toMatch(/env_file: \.env/u);
    expect(compose).toMatch(/^volumes:\n {2}postgres:/mu);
  });
});
