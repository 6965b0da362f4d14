import { appendFileSync, existsSync, readFileSync } from "node:fs";
import type { Delivery } from "../../app/jobs/ports.ts";
import type { ChatPort, MessageRef } from "../../app/ports.ts";
import type { Conversation } from "../../core/chat-event.ts";
import type { View } from "../../core/views/view.ts";
import { type RenderOptions, renderView } from "./render.ts";

/** The console's ChatPort: every message is printed; an edit prints the new state of the message. */
export class ConsoleChat implements ChatPort {
  private nextId = 1;
  private readonly write: (text: string) => void;
  private readonly options: RenderOptions;

  readonly #posted = new Map<string, string>();
  readonly #postedLog: string | undefined;

  /** `postedLog`: a file recording the keys of videos already printed (kept across restarts). */
  constructor(write: (text: string) => void, options: RenderOptions, postedLog?: string) {
    this.write = write;
    this.options = options;
    this.#postedLog = postedLog;
    if (postedLog !== undefined && existsSync(postedLog)) {
      for (const line of readFileSync(postedLog, "utf8").split("\n")) {
        const [k, id] = line.split(" ");
        if (k && id) this.#posted.set(k, id);
      }
    }
  }

  /** The console saves the file where it is: nothing to fit. */
  uploadLimit(_conversation: Conversation): number {
    return Number.POSITIVE_INFINITY;
  }

  async post(conversation: Conversation, view: View): Promise<MessageRef> {
    const messageId = String(this.nextId++);
    this.write(`${renderView(view, this.options)}\n`);
    return { conversation, messageId };
  }

  async edit(message: MessageRef, view: View): Promise<void> {
    this.write(`${renderView({ ...view, title: `[#${message.messageId}] ${view.title}` }, this.options)}\n`);
  }

  async notify(_conversation: Conversation, view: View): Promise<void> {
    this.write(`${renderView(view, this.options)}\n`);
  }

  /**
   * The console can't show a video: it says where the file is. With a key, it remembers (in the
   * posted log) that it printed it, so a job resumed after a crash doesn't print it again.
   */
  async upload(conversation: Conversation, video: Delivery, view: View, key?: string): Promise<MessageRef> {
    const already = key === undefined ? undefined : this.#posted.get(key);
    if (already !== undefined) return { conversation, messageId: already };
    const messageId = String(this.nextId++);
    const saved: View = {
      ...view,
      blocks: [
        ...view.blocks,
        {
          kind: "text",
          text:
            video.kind === "file"
              ? `Video saved to ${video.path} (${(video.sizeBytes / 1024).toFixed(0)} KB)`
              : `Video at ${video.url} (${(video.sizeBytes / 1024).toFixed(0)} KB: ${video.reason})`,
        },
      ],
    };
    this.write(`${renderView(saved, this.options)}\n`);
    if (key !== undefined) {
      this.#posted.set(key, messageId);
      if (this.#postedLog !== undefined) appendFileSync(this.#postedLog, `${key} ${messageId}\n`);
    }
    return { conversation, messageId };
  }
}
