// The messages framecast posts, rendered by the real renderers for each platform: what
// docs/messages.md shows (kept current by a test). Pure: views in, Markdown out.

import { renderView as consoleView } from "../chat/console/render.ts";
import { renderView as discordView } from "../chat/discord/render.ts";
import { renderView as slackView } from "../chat/slack/render.ts";
import { checkVideoCommand } from "../core/command.ts";
import { extendRequestOf, planChain } from "../core/extend.ts";
import { multiShotNeeds } from "../core/multi-shot.ts";
import { personalDefaults } from "../core/preferences/apply.ts";
import { priceRequest } from "../core/pricing.ts";
import type { VideoRequest } from "../core/request.ts";
import { DEFAULT_SETTINGS } from "../core/settings.ts";
import { refusalView } from "../core/views/admin.ts";
import { joinedView } from "../core/views/chain.ts";
import { jobView } from "../core/views/job.ts";
import { preferenceNotesView, preferencesView } from "../core/views/preferences.ts";
import { commandErrorsView } from "../core/views/request.ts";
import type { View } from "../core/views/view.ts";

const AT = new Date("2026-11-22T18:00:00Z");
const later = (seconds: number): Date => new Date(AT.getTime() + seconds * 1000);

function examples(): { title: string; note: string; view: View }[] {
  const checked = checkVideoCommand(
    '/video prompt:"a fox in snow, slow motion" duration:8 ratio:9:16 negative:"people, text"',
  );
  if (!checked.ok) throw new Error("the example command must be valid");
  const { request, cost } = checked;
  const job = { jobId: "0b7e1c2a-5d3f-4e8a-9c61-2f4d8a7b9e10", request, cost, provider: "pixverse" };
  const bad = checkVideoCommand("/video a fox durration:8 ratio:2:3 quality:1080p duration:10");
  return [
    {
      title: "While it renders",
      note: "Edited in place as the provider reports progress (at most every 2 seconds).",
      view: jobView({
        ...job,
        state: "running",
        progress: 42,
        createdAt: AT,
        startedAt: AT,
        now: later(31),
        recentDurations: [70, 80, 76],
      }),
    },
    {
      title: "Delivered",
      note: "Posted with the MP4 attached; the buttons work for the person who asked (or an admin), also after restarts.",
      view: jobView({
        ...job,
        state: "delivered",
        createdAt: AT,
        startedAt: AT,
        finishedAt: later(74),
        now: later(74),
        recentDurations: [],
        seedUsed: 1_234_567,
      }),
    },
    ...creatorExamples(),
    ...chainExamples(job, request),
    {
      title: "A command with mistakes",
      note: "Shown only to the person (ephemeral), every mistake at once, nothing charged.",
      view: bad.ok ? commandErrorsView([]) : commandErrorsView(bad.errors),
    },
  ];
}

/** Native extend and Continue chains (issue 17). */
function chainExamples(
  job: { readonly jobId: string },
  request: VideoRequest,
): { title: string; note: string; view: View }[] {
  const extended = extendRequestOf(request, {
    jobId: job.jobId,
    provider: "pixverse",
    id: "9007199254740993",
    videoUrl: "https://media.pixverse.ai/9007199254740993.mp4",
  });
  const segment = { jobId: "5c1d7e2a-0b3f-4e8a-9c61-2f4d8a7b9e11", request: extended, provider: "pixverse" };
  const tooLong = planChain({ madeSeconds: 24, segmentSeconds: 8, addSeconds: 40, limitSeconds: 60 });
  return [
    {
      title: "Extend: the provider's own extend",
      note: "Extend on a PixVerse (v5.6, v6) or fal (v6) video continues that video itself; elsewhere a new video starts from its last frame.",
      view: jobView({
        ...segment,
        cost: priceRequest(extended),
        state: "queued",
        queuePosition: 1,
        createdAt: AT,
        now: AT,
        recentDurations: [],
      }),
    },
    {
      title: "Continue: the joined video",
      note: "Posted once every segment is made (each charged as it was made): one MP4, sound kept. Its Continue button grows it further.",
      view: joinedView({
        request,
        seconds: 24,
        jobIds: [job.jobId, segment.jobId, "7e2a5c1d-0b3f-4e8a-9c61-2f4d8a7b9e12"],
        credits: 112,
      }),
    },
    {
      title: "Continue past the workspace's limit",
      note: "Shown only to the person; nothing is made or charged.",
      view: refusalView("That's longer than this workspace allows", tooLong.ok ? "" : tooLong.message),
    },
  ];
}

/** Multi-shot and personal preferences (issue 17). */
function creatorExamples(): { title: string; note: string; view: View }[] {
  const shots = checkVideoCommand(
    "/video a heist: the crew, the vault, the getaway --model v6 --dur 10 --shots",
  );
  if (!shots.ok) throw new Error("the multi-shot example must be valid");
  const prefs = { model: "v6", quality: "1080p", suffix: "cinematic light, 35mm film" } as const;
  const limited = { ...DEFAULT_SETTINGS, allowedModels: ["v5.6", "v6"], maxQuality: "720p" };
  const setAside = Object.values(personalDefaults(prefs, limited).setAside ?? {});
  return [
    {
      title: "Multi-shot, queued",
      note: "shots:on (v6, on PixVerse or Runware): several cuts in one video, at the price of one shot.",
      view: jobView({
        jobId: "5c2d8e4f-1a3b-4c6d-8e9f-0a1b2c3d4e5f",
        request: shots.request,
        cost: shots.cost,
        provider: "pixverse",
        state: "queued",
        queuePosition: 2,
        createdAt: AT,
        now: AT,
        recentDurations: [],
      }),
    },
    {
      title: "Multi-shot where the provider has none",
      note: "Refused privately before anything is reserved.",
      view: refusalView(
        "This video can't be made here",
        `The configured provider can't make it: ${multiShotNeeds()}; this workspace uses fal. Nothing was charged.`,
      ),
    },
    {
      title: "/framecast prefer",
      note: "Your own defaults, private; what the workspace's limits set aside is said.",
      view: preferencesView("Preferences saved", prefs, setAside),
    },
    {
      title: "A preference that wasn't used",
      note: "Said privately beside the job's message.",
      view: preferenceNotesView(setAside),
    },
  ];
}

const fence = (lang: string, text: string): string => `\`\`\`${lang}\n${text}\n\`\`\``;

export function renderExamples(): string {
  const parts = [
    "# What framecast's messages look like",
    "",
    "Generated from the real renderers by `node src/cli/render-examples.ts > docs/messages.md`; a test keeps this file current. The same view becomes console text, a Discord embed with buttons, and Slack Block Kit.",
  ];
  for (const { title, note, view } of examples()) {
    parts.push(
      "",
      `## ${title}`,
      "",
      note,
      "",
      "Console:",
      "",
      fence("text", consoleView(view, { color: false, width: 100 })),
      "",
      "<details><summary>Discord message (JSON sent to the API)</summary>",
      "",
      fence("json", JSON.stringify(discordView(view), null, 2)),
      "",
      "</details>",
      "",
      "<details><summary>Slack message (Block Kit)</summary>",
      "",
      fence("json", JSON.stringify(slackView(view), null, 2)),
      "",
      "</details>",
    );
  }
  return `${parts.join("\n")}\n`;
}

if (import.meta.main) process.stdout.write(renderExamples());
