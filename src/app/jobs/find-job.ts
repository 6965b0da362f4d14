import type { ChatEvent } from "../../core/chat-event.ts";
import { readJobRef } from "../../core/jobs/ref.ts";
import { refusalView } from "../../core/views/admin.ts";
import type { View } from "../../core/views/view.ts";
import type { JobStore } from "./ports.ts";

export type FoundJob =
  | { readonly ok: true; readonly jobId: string }
  | { readonly ok: false; readonly view: View };

const EXAMPLE =
  "Give the job shown on the video's message (Job) or in /framecast history, e.g. /cancel 3f2a9c1d.";

/**
 * The job a typed reference names in this workspace: a whole id or a short one (its first
 * characters). Nothing typed: the person's latest job (`latest: "open"` only one still running).
 * Otherwise a private answer saying why none was found.
 */
export async function findJob(
  store: Pick<JobStore, "idsStartingWith" | "latestOpen" | "recentFor">,
  event: ChatEvent,
  typed: string,
  latest: "open" | "any",
): Promise<FoundJob> {
  const { platform, workspaceId, userId } = event.conversation;
  if (typed.trim() === "") {
    const by = { platform, workspaceId, userId };
    const job = latest === "open" ? await store.latestOpen(by) : (await store.recentFor(by, 1))[0];
    if (job !== undefined) return { ok: true, jobId: job.id };
    return latest === "open"
      ? { ok: false, view: refusalView("Nothing to cancel", "You have no video in progress.") }
      : {
          ok: false,
          view: refusalView(
            "No video yet",
            "You haven't made any videos here yet. Try /video a fox in snow.",
          ),
        };
  }
  const ref = readJobRef(typed);
  if (ref === undefined)
    return { ok: false, view: refusalView(`"${typed.trim().slice(0, 40)}" isn't a job`, EXAMPLE) };
  if ("id" in ref) return { ok: true, jobId: ref.id };
  const ids = await store.idsStartingWith({ platform, workspaceId }, ref.prefix, 2);
  const [only, other] = ids;
  if (only === undefined)
    return {
      ok: false,
      view: refusalView("No such video", `There is no video ${ref.prefix} here. ${EXAMPLE}`),
    };
  if (other !== undefined)
    return {
      ok: false,
      view: refusalView(
        "Which video?",
        `More than one video here starts with ${ref.prefix}: give more of its id.`,
      ),
    };
  return { ok: true, jobId: only };
}
