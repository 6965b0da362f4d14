import type { ChatEvent } from "../core/chat-event.ts";
import {
  type CheckedCommand,
  checkVideoCommand,
  checkVideoOptions,
  type RequestDefaults,
} from "../core/command.ts";
import { routeText } from "../core/route.ts";
import { refusalView } from "../core/views/admin.ts";
import { helpView } from "../core/views/help.ts";
import { historyView } from "../core/views/history.ts";
import { jobView } from "../core/views/job.ts";
import { modelsView } from "../core/views/models.ts";
import { unavailableButtonView, unknownCommandView, unknownSubcommandView } from "../core/views/notices.ts";
import { usageView } from "../core/views/usage.ts";
import type { View } from "../core/views/view.ts";
import { isAdmin, runAdmin } from "./admin/run-admin.ts";
import { continueButton, continueTyped } from "./chains/continue-command.ts";
import { type BotDeps, type RequestDeps, requesterOf } from "./deps.ts";
import { cancelJob } from "./jobs/cancel-job.ts";
import { clickOf } from "./jobs/click.ts";
import { extendJob } from "./jobs/extend-job.ts";
import { findJob } from "./jobs/find-job.ts";
import { requestVideo } from "./jobs/request-video.ts";
import { type RerunAction, rerunJob } from "./jobs/rerun-job.ts";
import type { Reply } from "./ports.ts";
import { ownerOf, requestDefaultsFor, runPrefer, sayNotes, setAsideOf } from "./preferences/prefer.ts";
import { RedactingMessages, redactReply } from "./redacting-chat.ts";
import { userUsage } from "./usage/user-usage.ts";

/** Handles one chat event end to end: route, check, answer through the event's `reply`. */
export function createCommandHandler(botDeps: BotDeps): (event: ChatEvent, reply: Reply) => Promise<void> {
  // Every answer and edit passes through the same secret scrubbing as the logs.
  const messages = new RedactingMessages(botDeps.messages, botDeps.secrets);
  return async (event, reply) => {
    const deps: RequestDeps = { ...botDeps, messages, reply: redactReply(reply, botDeps.secrets) };
    const { conversation } = event;
    const defaults = (): Promise<RequestDefaults> => requestDefaultsFor(deps, event);
    const video = async (checked: CheckedCommand): Promise<void> => {
      await requestVideo(deps, deps.jobs, event, checked);
      await sayNotes(deps, checked);
    };
    if (event.input.kind === "button") {
      await button(deps, event, event.input.action, event.input.subject);
      return;
    }
    if (event.input.kind === "video-options") {
      await video(checkVideoOptions(event.input.options, deps.pricing, await defaults()));
      return;
    }
    const route = routeText(event.input.text);
    switch (route.kind) {
      case "empty":
        return;
      case "video":
        await video(checkVideoCommand(route.text, deps.pricing, await defaults(), event.input.images ?? []));
        return;
      case "framecast":
        await framecast(deps, event, route.subcommand, route.args);
        return;
      case "unknown":
        await deps.reply.notify(unknownCommandView(route.command));
        return;
    }
  };
}

/** How a job's id is used where the person is (Discord registers no typed buttons). */
const historyHint = (event: ChatEvent): string =>
  event.conversation.platform === "discord"
    ? "/framecast cancel job:<job> stops a video in progress."
    : "/framecast cancel <job> stops a video in progress; /framecast regenerate, new-seed or 1080p <job> makes it again.";

/** How many jobs /framecast history lists. */
const HISTORY_LENGTH = 10;

/** Job buttons: the view's action names → what they do. */
const RERUNS: Readonly<Record<string, RerunAction>> = {
  regenerate: "regenerate",
  new_seed: "new_seed",
  upscale_1080p: "hd",
};

async function button(deps: RequestDeps, event: ChatEvent, action: string, jobId: string): Promise<void> {
  const { conversation } = event;
  if (action === "cancel") {
    await deps.reply.notify(await cancelView(deps, event, jobId));
    return;
  }
  // The click names the job it makes: a repeat of it makes nothing new (app/jobs/click.ts).
  const click = clickOf(event, action, jobId, deps.quota.now());
  if (action === "continue") {
    await continueButton(deps, event, jobId, click);
    return;
  }
  if (action === "extend") {
    const settings = await deps.settings.get(conversation.platform, conversation.workspaceId);
    const admin = isAdmin(event, settings, deps.operators);
    await extendJob(deps, deps.jobs, event, { jobId, admin, click });
    return;
  }
  const rerun = RERUNS[action];
  if (rerun === undefined) {
    await deps.reply.notify(unavailableButtonView(action));
    return;
  }
  const settings = await deps.settings.get(conversation.platform, conversation.workspaceId);
  await rerunJob(deps, deps.jobs, event, {
    jobId,
    action: rerun,
    admin: isAdmin(event, settings, deps.operators),
    click,
  });
}

/**
 * The buttons as typed commands (`/regenerate 3f2a9c1d`, `/framecast new-seed`), for chats that
 * can't press them (the console) or people who prefer typing: the same use cases as the buttons.
 */
const TYPED_BUTTONS: Readonly<Record<string, string>> = {
  regenerate: "regenerate",
  "new-seed": "new_seed",
  new_seed: "new_seed",
  newseed: "new_seed",
  "1080p": "upscale_1080p",
  extend: "extend",
  continue: "continue",
};

async function typedButton(
  deps: RequestDeps,
  event: ChatEvent,
  action: string,
  typed: string,
): Promise<void> {
  if (action === "continue") return continueTyped(deps, event, typed);
  const found = await findJob(deps.jobs.store, event, typed, "any");
  if (!found.ok) await deps.reply.notify(found.view);
  else await button(deps, event, action, found.jobId);
}

async function cancelView(deps: RequestDeps, event: ChatEvent, jobId: string): Promise<View> {
  const jobs = deps.jobs;
  const by = {
    platform: event.conversation.platform,
    workspaceId: event.conversation.workspaceId,
    userId: event.conversation.userId,
  };
  const target = jobId === "" ? (await jobs.store.latestOpen(by))?.id : jobId;
  if (target === undefined) return refusalView("Nothing to cancel", "You have no video in progress.");
  const settings = await deps.settings.get(by.platform, by.workspaceId);
  const outcome = await cancelJob(
    { jobs: jobs.store, money: deps.quota.money, router: jobs.router, now: deps.quota.now },
    target,
    { ...by, admin: isAdmin(event, settings, deps.operators) },
  );
  if (!outcome.ok) {
    const why = {
      not_found: "There is no such video here.",
      not_yours: "Only the person who asked for a video (or an admin) can cancel it.",
      already_ended: "That video has already finished.",
    }[outcome.reason];
    return refusalView("Can't cancel that", why);
  }
  const { job } = outcome;
  if (job.messageId !== undefined) {
    await deps.messages.edit(
      { conversation: job.conversation, messageId: job.messageId },
      jobView({
        jobId: job.id,
        state: "canceled",
        request: job.request,
        cost: job.cost,
        provider: job.provider?.provider ?? jobs.router.primary.id,
        createdAt: job.createdAt,
        now: deps.quota.now(),
        recentDurations: [],
        ...(job.error ? { error: job.error } : {}),
      }),
    );
  }
  return {
    tone: "success",
    title: "Cancelled",
    private: true,
    blocks: [{ kind: "text", text: `Refunded ${job.cost.credits} credits.` }],
  };
}

async function framecast(
  deps: RequestDeps,
  event: ChatEvent,
  subcommand: string,
  args: string,
): Promise<void> {
  const { conversation } = event;
  switch (subcommand) {
    case "help":
      await deps.reply.notify(helpView());
      return;
    case "models":
      await deps.reply.notify(modelsView(deps.pricing));
      return;
    case "usage": {
      const settings = await deps.settings.get(conversation.platform, conversation.workspaceId);
      const periods = await userUsage(deps.quota, requesterOf(event));
      const concurrent = settings.maxConcurrentPerUser ?? deps.concurrency.perUser;
      const prefs = await deps.preferences.get(ownerOf(event));
      const mine = { prefs, setAside: setAsideOf(prefs, settings) };
      await deps.reply.notify(usageView(periods, deps.quota.now(), concurrent, mine));
      return;
    }
    case "prefer":
      await deps.reply.notify(await runPrefer(deps, event, args));
      return;
    case "history": {
      const recent = await deps.jobs.store.recentFor(requesterOf(event), HISTORY_LENGTH);
      await deps.reply.notify(historyView(recent, deps.quota.now(), historyHint(event)));
      return;
    }
    case "admin":
      await deps.reply.notify(await runAdmin(deps, event, args));
      return;
    case "cancel": {
      const found = await findJob(deps.jobs.store, event, args, "open");
      await deps.reply.notify(found.ok ? await cancelView(deps, event, found.jobId) : found.view);
      return;
    }
    default:
      if (TYPED_BUTTONS[subcommand] !== undefined) {
        await typedButton(deps, event, TYPED_BUTTONS[subcommand], args);
        return;
      }
      await deps.reply.notify(unknownSubcommandView(subcommand));
  }
}
