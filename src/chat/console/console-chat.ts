import { appendFileSync, existsSync, readFileSync } from "node:fs";
import type { Delivery } from "../../app/jobs/ports.ts";
import type { JobMessages, MessageRef, Reply, VideoPost } from "../../app/ports.ts";
import type { Conversation } from "../../core/chat-event.ts";
import { jobRef } from "../../core/jobs/ref.ts";
import type { View } from "../../core/views/view.ts";
import { type RenderOptions, renderView } from "./render.ts";

/** While someone is typing at a prompt: output goes above the line being typed, which is kept. */
export interface PromptLine {
  /** Clears the prompt's line, so output can take its place. */
  hide(): void;
  /** Draws the prompt again, with what had been typed. */
  show(): void;
}

/**
 * The console's job messages and replies: messages are printed. A terminal can't change what it printed, so an
 * edit prints only what changed since the job was last shown (a new place in line is one line;
 * a video already printed with its upload is not printed again). Only this console's own
 * conversation is shown: on a shared database another console's jobs, which this process's
 * engine may work on, are that console's to show.
 */
export class ConsoleChat implements JobMessages {
  readonly channelId: string;
  private nextId = 1;
  private readonly write: (text: string) => void;
  private readonly options: RenderOptions;
  /** Told whenever a job's message is printed (the console checks whether its jobs have ended). */
  onJobShown: ((jobId: string) => void) | undefined;

  readonly #posted = new Map<string, string>();
  readonly #postedLog: string | undefined;
  /** The lines last printed for each job (by job id): what an edit is compared with. */
  readonly #shown = new Map<string, readonly string[]>();
  #prompt: PromptLine | undefined;

  /**
   * `postedLog`: a file recording the keys of videos already printed (kept across restarts).
   * `channelId`: this console's conversation; anything addressed elsewhere is not printed.
   */
  constructor(
    write: (text: string) => void,
    options: RenderOptions,
    postedLog?: string,
    channelId = "console",
  ) {
    this.write = write;
    this.options = options;
    this.#postedLog = postedLog;
    this.channelId = channelId;
    if (postedLog !== undefined && existsSync(postedLog)) {
      for (const line of readFileSync(postedLog, "utf8").split("\n")) {
        const [k, id] = line.split(" ");
        if (k && id) this.#posted.set(k, id);
      }
    }
  }

  /** Output while a prompt is shown goes above it (`undefined`: no prompt is shown now). */
  usePrompt(prompt: PromptLine | undefined): void {
    this.#prompt = prompt;
  }

  /** The console saves the file where it is: nothing to fit. */
  uploadLimit(_conversation: Conversation): number {
    return Number.POSITIVE_INFINITY;
  }

  /** The answers to a line typed in `conversation`. */
  replyTo(conversation: Conversation): Reply {
    return {
      post: (view) => this.post(conversation, view),
      notify: (view) => this.notify(conversation, view),
    };
  }

  async post(conversation: Conversation, view: View): Promise<MessageRef> {
    const messageId = String(this.nextId++);
    if (this.#mine(conversation)) this.#print(this.#remember(view, renderView(view, this.options)), view);
    return { conversation, messageId };
  }

  async edit(message: MessageRef, view: View): Promise<void> {
    if (this.#mine(message.conversation)) this.showChanges(view);
  }

  async notify(conversation: Conversation, view: View): Promise<void> {
    if (this.#mine(conversation)) this.#print(renderView(view, this.options), view);
  }

  /**
   * Prints what `view` (a job's message) shows that was not printed for its job yet, under its
   * title and short id; nothing when nothing changed. `more`: lines to add if anything is printed.
   */
  showChanges(view: View, more: readonly string[] = []): void {
    const lines = renderView(view, this.options).split("\n");
    const before = view.subject === undefined ? undefined : this.#shown.get(view.subject);
    const [title = "", ...body] = lines;
    const changed = before === undefined ? body : body.filter((line) => !before.includes(line));
    if (before !== undefined && before[0] === title && changed.length === 0) {
      if (view.subject !== undefined) this.onJobShown?.(view.subject);
      return;
    }
    this.#remember(view, lines.join("\n"));
    const ref = view.subject === undefined ? "" : `[${jobRef(view.subject)}] `;
    // "ℹ [3f2a9c1d] Generating · 40%": which job, as the line shows no more.
    const labelled = renderView({ ...view, title: `${ref}${view.title}`, blocks: [] }, this.options);
    this.#print([labelled, ...changed, ...more].join("\n"), view);
  }

  /**
   * The console can't show a video: it says where the file is. With a key, it remembers (in the
   * posted log) that it printed it, so a job resumed after a crash doesn't print it again.
   */
  async upload({ conversation, key }: VideoPost, video: Delivery, view: View): Promise<MessageRef> {
    const already = this.#posted.get(key);
    if (already !== undefined) return { conversation, messageId: already };
    const messageId = String(this.nextId++);
    if (!this.#mine(conversation)) return { conversation, messageId };
    const where =
      video.kind === "file"
        ? `Video saved to ${video.path} (${(video.sizeBytes / 1024).toFixed(0)} KB)`
        : `Video at ${video.url} (${(video.sizeBytes / 1024).toFixed(0)} KB: ${video.reason})`;
    const text = this.#remember(view, renderView(view, this.options));
    // Printed and recorded back to back (nothing in between), so a kill -9 can hardly fall between
    // them: a video recorded is never printed again after a restart.
    this.#print(`${text}\n  ${where}`, view, () => {
      this.#posted.set(key, messageId);
      if (this.#postedLog !== undefined) appendFileSync(this.#postedLog, `${key} ${messageId}\n`);
    });
    return { conversation, messageId };
  }

  #mine(conversation: Conversation): boolean {
    return conversation.platform === "console" && conversation.channelId === this.channelId;
  }

  #remember(view: View, text: string): string {
    if (view.subject !== undefined) this.#shown.set(view.subject, text.split("\n"));
    return text;
  }

  #print(text: string, view: View, printed?: () => void): void {
    this.#prompt?.hide();
    this.write(`${text}\n`);
    printed?.();
    this.#prompt?.show();
    if (view.subject !== undefined) this.onJobShown?.(view.subject);
  }
}
