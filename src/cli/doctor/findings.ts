// What `framecast doctor` found: one line a check, with how to fix what is wrong.

export type Verdict = "ok" | "note" | "fail" | "skip";

export interface Finding {
  /** What was checked: "database", "Discord", "PixVerse", "ffmpeg"… */
  readonly subject: string;
  readonly verdict: Verdict;
  readonly message: string;
  /** What to do about it (fail and note only). */
  readonly fix?: string;
}

const MARK: Readonly<Record<Verdict, string>> = { ok: "✓", note: "!", fail: "✗", skip: "-" };

export function formatFindings(findings: readonly Finding[]): string {
  const lines = findings.map((f) => {
    const head = `${MARK[f.verdict]} ${f.subject}: ${f.message}`;
    return f.fix === undefined ? head : `${head}\n    → ${f.fix.replace(/\n/gu, "\n      ")}`;
  });
  const failed = findings.filter((f) => f.verdict === "fail").length;
  const summary =
    failed === 0
      ? "No problems found."
      : `${failed} problem${failed === 1 ? "" : "s"} found: fix ${failed === 1 ? "it" : "them"} and run framecast doctor again.`;
  return `framecast doctor\n\n${lines.join("\n")}\n\n${summary}\n`;
}
