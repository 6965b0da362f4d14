// The Slack runner: a bolt App whose listeners ack at once and hand each request to the command
// handler with a CommandReply (the request's Reply); SlackChat is the JobMessages the engine
// edits and uploads through. HTTP mode (signing secret; bolt's HTTPReceiver checks the v0 signature and the
// 5-minute timestamp window and answers 401 otherwise) serves /slack/events on any http server;
// Socket Mode (app token) connects out instead. The same listeners serve both.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { App, HTTPReceiver } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Bot, HttpMount } from "../../app/bot.ts";
import type { BotDeps } from "../../app/deps.ts";
import { createCommandHandler } from "../../app/handle-command.ts";
import type { ChatEvent } from "../../core/chat-event.ts";
import { internalErrorView, noImageToAnimateView } from "../../core/views/notices.ts";
import { ACTION_ID_PATTERN } from "./action-id.ts";
import { ANIMATE_CALLBACK_ID, animateModal, readAnimateSubmission } from "./animate-modal.ts";
import { type BoltSettings, createBolt } from "./bolt-app.ts";
import { CommandReply, type ResponseUrl } from "./command-reply.ts";
import { WorkspaceManagers } from "./managers.ts";
import { mentionOf } from "./mentions.ts";
import {
  blockActionsSchema,
  messageShortcutSchema,
  slashCommandSchema,
  viewSubmissionSchema,
} from "./payloads.ts";
import { refuseFutureRequests } from "./request-clock.ts";
import { SlackChat } from "./slack-chat.ts";
import { animateEvent, buttonEvent, commandEvent, conversation, imageUrls } from "./to-event.ts";

export interface SlackBotOptions extends BoltSettings {
  readonly now?: () => number;
  /** Where to report failures of our own (never shown in chat). */
  readonly logError: (error: unknown, reference: string) => void;
}

export { SLACK_EVENTS_PATH } from "./bolt-app.ts";

/** Slack retries an event up to 3 times over about an hour at most; a repeat within it is dropped. */
const EVENT_MEMORY_MS = 60 * 60_000;

/** Slack's HTTP mode owns every path under this prefix on the bot's HTTP server. */
export const SLACK_PATH_PREFIX = "/slack/";

export class SlackBot implements Bot {
  readonly platform = "slack";
  readonly messages: SlackChat;
  readonly #managers: WorkspaceManagers;
  readonly #app: App;
  readonly #receiver: HTTPReceiver | undefined;
  readonly #options: SlackBotOptions;
  readonly #now: () => number;
  readonly #inFlight = new Set<Promise<void>>();
  #failures = 0;
  /** Events API deliveries handled lately, by event_id: Slack redelivers when an ack looks late. */
  readonly #seenEvents = new Map<string, number>();
  #server: Server | undefined;
  #handle: ((event: ChatEvent, reply: CommandReply) => Promise<void>) | undefined;

  constructor(options: SlackBotOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    const bolt = createBolt(options);
    this.#app = bolt.app;
    this.#receiver = bolt.receiver;
    this.messages = new SlackChat(bolt.clients);
    this.#managers = new WorkspaceManagers(bolt.clients, this.#now);
    this.#listen();
  }

  /** HTTP mode: serves /slack/events for any http server (see `listen`); undefined in Socket Mode. */
  get requestListener(): ((req: IncomingMessage, res: ServerResponse) => void) | undefined {
    const listener = this.#receiver?.requestListener;
    return listener === undefined
      ? undefined
      : refuseFutureRequests(listener, this.#now, (line) => this.#options.logWarning?.(line));
  }

  /** HTTP mode: /slack/events (and, with OAuth, install and redirect) on the bot's HTTP server. */
  get mounts(): readonly HttpMount[] {
    const listener = this.requestListener;
    return listener === undefined ? [] : [{ prefix: SLACK_PATH_PREFIX, listener }];
  }

  /** Starts answering requests with `deps`. Socket Mode connects now; HTTP mode waits for requests. */
  async start(deps: BotDeps): Promise<void> {
    this.#handle = createCommandHandler(deps);
    if (this.#receiver === undefined) await this.#app.start();
  }

  /** HTTP mode on a server of its own; resolves with its base URL (port 0: any free port). */
  async listen(port: number, host = "0.0.0.0"): Promise<string> {
    const listener = this.requestListener;
    if (listener === undefined) throw new Error("Socket Mode has no HTTP endpoint");
    const server = createServer(listener);
    this.#server = server;
    await new Promise<void>((done) => server.listen(port, host, done));
    const address = server.address() as AddressInfo;
    return `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${address.port}`;
  }

  /** Resolves once every request acknowledged so far has been handled and answered. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.#inFlight]);
  }

  async stop(): Promise<void> {
    const server = this.#server;
    server?.closeAllConnections();
    await new Promise<void>((done) => (server === undefined ? done() : server.close(() => done())));
    await Promise.allSettled([...this.#inFlight]);
    if (this.#receiver === undefined) await this.#app.stop();
  }

  #listen(): void {
    const app = this.#app;
    app.command(/.*/u, async ({ command, ack }) => {
      await ack();
      const parsed = slashCommandSchema.safeParse(command);
      if (!parsed.success) return;
      // Slash commands can't be used in threads: always the channel.
      this.#run(commandEvent(parsed.data), this.#responseUrl(parsed.data.response_url), undefined);
    });
    app.action(ACTION_ID_PATTERN, async ({ body, ack }) => {
      await ack();
      const parsed = blockActionsSchema.safeParse(body);
      const event = parsed.success ? buttonEvent(parsed.data) : undefined;
      if (!parsed.success || event === undefined) return;
      // A new video from a button goes where the clicked message is.
      this.#run(event, this.#responseUrl(parsed.data.response_url), parsed.data.message?.thread_ts);
    });
    app.shortcut(ANIMATE_CALLBACK_ID, async ({ shortcut, ack, client }) => {
      await ack();
      await this.#openAnimate(shortcut, client);
    });
    app.view(ANIMATE_CALLBACK_ID, async ({ body, ack }) => {
      await ack();
      const parsed = viewSubmissionSchema.safeParse(body);
      const answers = parsed.success ? readAnimateSubmission(parsed.data) : undefined;
      if (!parsed.success || answers === undefined) return;
      const { metadata } = answers;
      const c = conversation(metadata.team, metadata.channel, parsed.data.user);
      const respond =
        metadata.respond === undefined
          ? undefined
          : { url: metadata.respond.url, receivedAt: metadata.respond.at };
      const event = animateEvent(c, answers, metadata.images);
      // The modal's id: the same submission sent again (a replay) names the same job.
      const id = parsed.data.view.id;
      this.#run(id === undefined ? event : { ...event, requestId: `view:${id}` }, respond, metadata.thread);
    });
    app.event("app_mention", async ({ event, body, context, client }) => {
      const mention = await mentionOf(client, event, body, context.botUserId ?? "");
      if (mention === undefined || this.#seen(mention.eventId)) return;
      if (mention.images.length === 0) {
        await this.#guard(
          this.messages.notify(mention.event.conversation, noImageToAnimateView(), mention.thread),
        );
        return;
      }
      // Answered in the thread the mention is in (a top-level mention: in the channel).
      this.#run(mention.event, undefined, mention.thread);
    });
  }

  /** "Animate with framecast" on a message: a form for its pictures, or why there is none. */
  async #openAnimate(shortcut: unknown, client: WebClient): Promise<void> {
    const parsed = messageShortcutSchema.safeParse(shortcut);
    if (!parsed.success) return;
    const s = parsed.data;
    const team = s.team?.id ?? s.user.team_id ?? "";
    const images = imageUrls(s.message.files, team);
    const thread = s.message.thread_ts;
    if (images.length === 0) {
      const where = conversation(team, s.channel.id, s.user);
      const reply = new CommandReply(
        this.messages,
        where,
        this.#responseUrl(s.response_url),
        this.#now,
        thread,
      );
      await this.#guard(reply.notify(noImageToAnimateView()));
      return;
    }
    const metadata = {
      team,
      channel: s.channel.id,
      ...(thread === undefined ? {} : { thread }),
      images,
      ...(s.response_url === undefined ? {} : { respond: { url: s.response_url, at: this.#now() } }),
    };
    await this.#guard(client.views.open({ trigger_id: s.trigger_id, view: animateModal(metadata) }));
  }

  /** Whether this event was handled already (a retry); remembers it for an hour otherwise. */
  #seen(eventId: unknown): boolean {
    if (typeof eventId !== "string") return false;
    const now = this.#now();
    for (const [id, at] of this.#seenEvents) if (now - at > EVENT_MEMORY_MS) this.#seenEvents.delete(id);
    if (this.#seenEvents.has(eventId)) return true;
    this.#seenEvents.set(eventId, now);
    return false;
  }

  #responseUrl(url: string | undefined): ResponseUrl | undefined {
    return url === undefined ? undefined : { url, receivedAt: this.#now() };
  }

  /** Handles the event after the ack, answering in `thread` if set; tracked so stop() waits. */
  #run(event: ChatEvent, response: ResponseUrl | undefined, thread: string | undefined): void {
    const reply = new CommandReply(this.messages, event.conversation, response, this.#now, thread);
    const handle = this.#handle;
    const done = (async () => {
      if (handle === undefined) return;
      try {
        await handle(await this.#withManager(event), reply);
      } catch (error) {
        const reference = `slack-${++this.#failures}`;
        this.#options.logError(error, reference);
        await reply.notify(internalErrorView(reference)).catch((e: unknown) => {
          this.#options.logError(e, `${reference}-reply`);
        });
      }
    })();
    this.#inFlight.add(done);
    void done.finally(() => this.#inFlight.delete(done));
  }

  /** Admin commands and buttons need to know whether the person administers the workspace. */
  async #withManager(event: ChatEvent): Promise<ChatEvent> {
    const asks =
      event.input.kind === "button" ||
      (event.input.kind === "text" && event.input.text.startsWith("/framecast"));
    if (!asks) return event;
    const { workspaceId, userId } = event.conversation;
    return { ...event, isManager: await this.#managers.isManager(workspaceId, userId) };
  }

  async #guard(work: Promise<unknown>): Promise<void> {
    await work.catch((error: unknown) => this.#options.logError(error, `slack-${++this.#failures}`));
  }
}
