import { describe, expect, it } from "vitest";
import { COMMANDS, helpOrVersion, version } from "../../src/cli/commands.ts";
import { onPostgres } from "../support/database.ts";
import { runCli } from "../support/run-cli.ts";

describe("framecast --help and --version", () => {
  it.each(Object.keys(COMMANDS).filter((c) => c !== "help"))(
    "GIVEN framecast %s --help THEN its own usage, not the command",
    (command) => {
      expect(helpOrVersion(command, ["--help"])).toMatch(new RegExp(`^Usage: framecast ${command}\\b`, "u"));
      expect(helpOrVersion(command, ["-h"])).toBe(helpOrVersion(command, ["--help"]));
    },
  );

  it("GIVEN --version or -v anywhere before -- THEN the package version", () => {
    expect(version()).toMatch(/^\d+\.\d+\.\d+/u);
    for (const argv of [["--version"], ["usage", "--version"], ["doctor", "-v"], ["version"]])
      expect(helpOrVersion(argv[0] as string, argv.slice(1))).toBe(`framecast ${version()}`);
    expect(helpOrVersion("check", ["--", "-v"])).toBeUndefined();
  });

  it("GIVEN help, --help or help <command> THEN the overview lists every command, or that command's help", () => {
    for (const name of Object.keys(COMMANDS)) expect(helpOrVersion("help", [])).toContain(`  ${name} `);
    expect(helpOrVersion("help", ["doctor"])).toMatch(/^Usage: framecast doctor/u);
    expect(helpOrVersion("--help", [])).toBe(helpOrVersion("help", []));
    expect(helpOrVersion("start", [])).toBeUndefined();
  });

  it.skipIf(onPostgres())(
    "GIVEN the real process THEN doctor --help and --version exit 0 and touch nothing",
    async () => {
      const help = await runCli(["doctor", "--help"]);
      expect(help.stdout).toMatch(/^Usage: framecast doctor/u);
      expect(help.code).toBe(0);
      const v = await runCli(["--version"]);
      expect(v.stdout).toBe(`framecast ${version()}\n`);
      expect(v.code).toBe(0);
    },
  );
});
