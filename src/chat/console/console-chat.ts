import type { ChatPort, MessageRef } from "../../app/ports.ts";
import type { Conversation } from "../../core/chat-event.ts";
import type { View } from "../../core/views/view.ts";
import { type RenderOptions, renderView } from "./render.ts";

/** The console's ChatPort: every message is printed; an edit prints the new state of the message. */
export class ConsoleChat implements ChatPort {
  private nextId = 1;
  private readonly write: (text: string) => void;
  private readonly options: RenderOptions;

  constructor(write: (text: string) => void, options: RenderOptions) {
    this.write = write;
    this.options = options;
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

  /** The console can't show a video: it says where the file is. */
  async upload(
    conversation: Conversation,
    video: { path: string; sizeBytes: number },
    view: View,
  ): Promise<MessageRef> {
    const messageId = String(this.nextId++);
    const saved: View = {
      ...view,
      blocks: [
        ...view.blocks,
        { kind: "text", text: `Video saved to ${video.path} (${(video.sizeBytes / 1024).toFixed(0)} KB)` },
      ],
    };
    this.write(`${renderView(saved, this.options)}\n`);
    return { conversation, messageId };
  }
}
