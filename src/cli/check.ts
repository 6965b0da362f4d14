import { readLines } from "../chat/console/lines.ts";
import { type RenderOptions, renderView } from "../chat/console/render.ts";
import { type CheckedCommand, checkVideoCommand } from "../core/command.ts";
import { checkedCommandJson } from "../core/command-json.ts";
import { commandError } from "../core/errors.ts";
import type { Pricing } from "../core/pricing.ts";
import type { VideoRequest } from "../core/request.ts";
import { commandErrorsView, requestPreviewView } from "../core/views/request.ts";

export const CHECK_USAGE = `Usage: framecast check [--json] [--] "<command text>"
       framecast check --json --stdin      (one command per line, one JSON object per line)

Prints what a /video command would make and cost, or every error in it. Exits 1 if a command
has errors. Use -- before text that starts with a dash: framecast check -- "--ar 9:16 a fox".`;

/** Which configured provider would take a request, or why none can. */
export type Capability = (
  request: VideoRequest,
) => { ok: true; provider: string } | { ok: false; reason: string };

export interface CheckIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly render: RenderOptions;
}

type CheckArgs = { json: boolean; stdin: boolean; text: string | undefined } | { usage: string };

export function parseCheckArgs(args: readonly string[]): CheckArgs {
  let json = false;
  let stdin = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (arg === "--json") json = true;
    else if (arg === "--stdin") stdin = true;
    else if (arg === "--help" || arg === "-h") return { usage: CHECK_USAGE };
    else if (arg.startsWith("-") && arg.length > 1)
      return { usage: `Unknown flag ${arg}.\n\n${CHECK_USAGE}` };
    else rest.push(arg);
  }
  if (stdin && rest.length > 0)
    return { usage: `Give the command text or --stdin, not both.\n\n${CHECK_USAGE}` };
  if (!stdin && rest.length !== 1) {
    const why =
      rest.length === 0 ? "No command text given." : "Put the whole command in one argument (quote it).";
    return { usage: `${why}\n\n${CHECK_USAGE}` };
  }
  return { json, stdin, text: rest[0] };
}

/** Runs `framecast check`; resolves with the exit code. */
export async function runCheck(
  args: readonly string[],
  pricing: Pricing,
  io: CheckIo,
  capability?: Capability,
): Promise<number> {
  const parsed = parseCheckArgs(args);
  if ("usage" in parsed) {
    io.err(`${parsed.usage}\n`);
    return args.includes("--help") || args.includes("-h") ? 0 : 2;
  }
  const checkOne = (text: string): boolean => {
    const checked = withProvider(checkVideoCommand(text, pricing), capability);
    if (parsed.json) io.out(`${JSON.stringify(checkedCommandJson(checked))}\n`);
    else {
      const view = checked.ok
        ? requestPreviewView(checked.request, checked.cost, "This command would make")
        : commandErrorsView(
            checked.errors,
            "Fix the command and check it again; /framecast help in chat explains every option.",
          );
      io.out(`${renderView(view, io.render)}\n`);
    }
    return checked.ok;
  };
  if (!parsed.stdin) return checkOne(parsed.text ?? "") ? 0 : 1;
  let allOk = true;
  for await (const line of readLines(io.stdin)) allOk = checkOne(line) && allOk;
  return allOk ? 0 : 1;
}

/** A valid request that no configured provider can make is an error too. */
function withProvider(checked: CheckedCommand, capability: Capability | undefined): CheckedCommand {
  if (!checked.ok || capability === undefined) return checked;
  const route = capability(checked.request);
  if (route.ok) return checked;
  return {
    ok: false,
    errors: [
      commandError(
        "unsupported_by_provider",
        "provider",
        `The configured provider can't make this video: ${route.reason}.`,
      ),
    ],
  };
}
