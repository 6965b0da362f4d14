// The bolt App for each way of running: one workspace's bot token in HTTP mode or Socket Mode,
// or several workspaces installed through OAuth (HTTP mode; installs at /slack/install). Also
// says where each workspace's Web API client comes from.

import { App, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import { WebClient, type WebClientOptions } from "@slack/web-api";
import { boltLogger } from "./bolt-logger.ts";
import { type InstallationRecords, installationStore, WorkspaceClients } from "./installations.ts";
import { SLACK_BOT_SCOPES } from "./scopes.ts";
import type { ClientFor } from "./slack-chat.ts";

/** The path Slack posts commands, interactivity and events to (HTTP mode). */
export const SLACK_EVENTS_PATH = "/slack/events";
/** OAuth: where a workspace admin starts an install, and where Slack sends them back. */
export const SLACK_INSTALL_PATH = "/slack/install";
export const SLACK_REDIRECT_PATH = "/slack/oauth_redirect";

/** Multi-workspace: installs through OAuth, tokens from the installation records. */
export interface SlackOAuth {
  readonly clientId: string;
  /** Secrets: never logged. */
  readonly clientSecret: string;
  readonly stateSecret: string;
  readonly installations: InstallationRecords;
  /** Slack's authorize page (a fake in tests). */
  readonly authorizationUrl?: string;
}

export interface BoltSettings {
  /** One workspace: its bot token (xoxb-…). Either this or `oauth`. Secret. */
  readonly token?: string;
  readonly oauth?: SlackOAuth;
  /** HTTP mode: requests are signed with it. Secret. */
  readonly signingSecret?: string;
  /** xapp-…: Socket Mode instead of HTTP (one workspace). Secret. */
  readonly appToken?: string;
  /** The Web API base with its trailing slash. */
  readonly apiUrl: string;
  /** Where bolt's errors go (never shown in chat). */
  readonly logError: (error: unknown, reference: string) => void;
  /** Where bolt's warnings go: requests it refused, and why. */
  readonly logWarning?: (message: string) => void;
}

export interface Bolt {
  readonly app: App;
  /** HTTP mode's receiver (its request listener serves /slack/…); undefined in Socket Mode. */
  readonly receiver: HTTPReceiver | undefined;
  readonly clients: ClientFor;
}

export function createBolt(settings: BoltSettings): Bolt {
  const logger = boltLogger(settings.logError, settings.logWarning);
  const clientOptions = { slackApiUrl: settings.apiUrl, retryConfig: { retries: 3 }, logger };
  const { token, oauth } = settings;
  if ((token === undefined) === (oauth === undefined))
    throw new Error("Slack needs one workspace's bot token or OAuth settings, not both");
  if (settings.appToken !== undefined) {
    if (token === undefined) throw new Error("Socket Mode runs with one workspace's bot token");
    // The Socket Mode client opens its connection through the same Web API base.
    const receiver = new SocketModeReceiver({
      appToken: settings.appToken,
      installerOptions: { clientOptions: { slackApiUrl: settings.apiUrl } },
      logger,
    });
    const app = new App({ token, receiver, clientOptions, logger });
    return { app, receiver: undefined, clients: ownClients(token, clientOptions) };
  }
  if (settings.signingSecret === undefined) throw new Error("Slack's HTTP mode needs the signing secret");
  const receiver = new HTTPReceiver({
    signingSecret: settings.signingSecret,
    endpoints: [SLACK_EVENTS_PATH],
    logger,
    ...(oauth === undefined
      ? {}
      : {
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          stateSecret: oauth.stateSecret,
          scopes: [...SLACK_BOT_SCOPES],
          installationStore: installationStore(oauth.installations),
          installerOptions: {
            directInstall: true,
            installPath: SLACK_INSTALL_PATH,
            redirectUriPath: SLACK_REDIRECT_PATH,
            clientOptions: { slackApiUrl: settings.apiUrl },
            ...(oauth.authorizationUrl === undefined ? {} : { authorizationUrl: oauth.authorizationUrl }),
          },
        }),
  });
  const app = new App({
    ...(token === undefined ? {} : { token }),
    receiver,
    clientOptions,
    logger,
  });
  if (oauth === undefined) return { app, receiver, clients: ownClients(token ?? "", clientOptions) };
  const workspaces = new WorkspaceClients(oauth.installations, clientOptions);
  return { app, receiver, clients: (workspaceId, use) => workspaces.client(workspaceId, use) };
}

/** The engine's clients for one workspace's token, apart from bolt's own (see ClientFor). */
function ownClients(token: string, options: WebClientOptions): ClientFor {
  const post = new WebClient(token, options);
  const edit = new WebClient(token, options);
  return (_workspaceId, use) => Promise.resolve(use === "edit" ? edit : post);
}
