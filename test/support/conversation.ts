import type { ChatEvent, Conversation } from "../../src/core/chat-event.ts";
import type { RawRequest } from "../../src/core/request.ts";

export const conversation: Conversation = {
  platform: "console",
  workspaceId: "w1",
  channelId: "c1",
  userId: "u1",
  userName: "ada",
};

export const textEvent = (text: string): ChatEvent => ({
  conversation,
  roles: [],
  input: { kind: "text", text },
});

export const optionsEvent = (options: RawRequest): ChatEvent => ({
  conversation,
  roles: [],
  input: { kind: "video-options", options },
});
