// Which of the two commands a line of text is: `/video …` generates, `/framecast <sub> …`
// manages. `/help`, `/models`, `/usage`, `/history` and `/cancel` are shortcuts for the framecast
// subcommands, and so are the buttons typed as commands (`/regenerate <job>`, `/new-seed`, `/1080p`,
// `/extend`, `/continue`).

export type Route =
  | { readonly kind: "video"; readonly text: string }
  | { readonly kind: "framecast"; readonly subcommand: string; readonly args: string }
  | { readonly kind: "empty" }
  | { readonly kind: "unknown"; readonly command: string };

const SHORTCUTS = new Set([
  "help",
  "models",
  "usage",
  "history",
  "cancel",
  "regenerate",
  "new-seed",
  "new_seed",
  "newseed",
  "1080p",
  "extend",
  "continue",
  "prefer",
]);
const LEADING = /^\s*\/([^\s]+)\s*([\s\S]*)$/u;

export function routeText(line: string): Route {
  if (line.trim() === "") return { kind: "empty" };
  const match = LEADING.exec(line);
  if (match === null) return { kind: "unknown", command: line.trim() };
  const command = (match[1] ?? "").toLowerCase();
  const rest = match[2] ?? "";
  if (command === "video") return { kind: "video", text: rest };
  if (command === "framecast") {
    const [subcommand = "help", ...args] = rest.trim().split(/\s+/u);
    return { kind: "framecast", subcommand: subcommand.toLowerCase() || "help", args: args.join(" ") };
  }
  if (SHORTCUTS.has(command)) return { kind: "framecast", subcommand: command, args: rest.trim() };
  return { kind: "unknown", command: `/${match[1] ?? ""}` };
}
