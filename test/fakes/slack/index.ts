export { Builders, commandBody, eventBody, interactionBody } from "./builders.ts";
export {
  FakeSlack,
  type FakeSlackOptions,
  RESPONSE_URL_TTL_MS,
  RESPONSE_URL_USES,
  type RecordedCall,
} from "./fake-slack.ts";
export { type Body, type Sent, SlackSender, slackSignature } from "./signing.ts";
export { type Ack, type EnvelopeType, SocketModeServer } from "./socket-mode.ts";
export type { EphemeralMessage, FileObject, OpenedView, StoredMessage } from "./store.ts";
export { TRIGGER_TTL_MS } from "./web-api.ts";
export { type SlackUser, WORLD, type World } from "./world.ts";
