// Payloads as Slack sends them, typed with bolt's and @slack/types' own interfaces: a slash
// command's form body (platforms.md S1), block_actions for a button, a message shortcut (S3), a
// modal's view_submission, and Events API callbacks for an app mention or a message with files (S4).
// trigger_ids and response_urls come from the fake, so views.open and responses work against it.

import type {
  BlockAction,
  ButtonAction,
  EnvelopedEvent,
  MessageShortcut,
  SlashCommand,
  ViewSubmitAction,
} from "@slack/bolt";
import type { AppMentionEvent, FileShareMessageEvent } from "@slack/types";
import type { FakeSlack } from "./fake-slack.ts";
import type { Body } from "./signing.ts";
import type { FileObject, OpenedView, StoredMessage } from "./store.ts";
import type { SlackUser } from "./world.ts";

type EventFile = NonNullable<FileShareMessageEvent["files"]>[number];

export class Builders {
  readonly #fake: FakeSlack;

  constructor(fake: FakeSlack) {
    this.#fake = fake;
  }

  slashCommand(options: {
    text: string;
    command?: string;
    user?: SlackUser;
    channel?: string;
  }): SlashCommand {
    const { world } = this.#fake;
    const user = options.user ?? world.alice;
    const channel = options.channel ?? world.channel.id;
    return {
      token: "verification-token-unused",
      team_id: world.teamId,
      team_domain: world.teamDomain,
      channel_id: channel,
      channel_name: world.channel.name,
      user_id: user.id,
      user_name: user.name,
      command: options.command ?? "/video",
      text: options.text,
      api_app_id: world.appId,
      is_enterprise_install: "false",
      response_url: this.#fake.issueResponseUrl(channel, user.id),
      trigger_id: this.#fake.issueTrigger(),
    };
  }

  /** A click on a button of one of the bot's messages. */
  button(options: {
    actionId: string;
    value: string;
    message: StoredMessage;
    user?: SlackUser;
  }): BlockAction<ButtonAction> {
    const { world } = this.#fake;
    const user = options.user ?? world.alice;
    const { message } = options;
    return {
      type: "block_actions",
      team: { id: world.teamId, domain: world.teamDomain },
      user: { id: user.id, username: user.name, name: user.name, team_id: world.teamId },
      api_app_id: world.appId,
      token: "verification-token-unused",
      container: {
        type: "message",
        message_ts: message.ts,
        channel_id: message.channel,
        is_ephemeral: false,
      },
      trigger_id: this.#fake.issueTrigger(),
      channel: { id: message.channel, name: world.channel.name },
      message: {
        type: "message",
        user: message.user,
        ts: message.ts,
        text: message.text,
        ...(message.thread_ts === undefined ? {} : { thread_ts: message.thread_ts }),
        ...(message.blocks === undefined ? {} : { blocks: message.blocks }),
      },
      response_url: this.#fake.issueResponseUrl(message.channel, user.id),
      actions: [
        {
          type: "button",
          block_id: "fc-buttons",
          action_id: options.actionId,
          value: options.value,
          text: { type: "plain_text", text: options.actionId },
          action_ts: String(Date.now() / 1000),
        },
      ],
    };
  }

  /** "Animate with framecast" (or another shortcut) on a message. */
  messageShortcut(options: {
    message: StoredMessage;
    user?: SlackUser;
    callbackId?: string;
  }): MessageShortcut {
    const { world } = this.#fake;
    const user = options.user ?? world.alice;
    const { message } = options;
    return {
      type: "message_action",
      token: "verification-token-unused",
      action_ts: String(Date.now() / 1000),
      team: { id: world.teamId, domain: world.teamDomain },
      user: { id: user.id, name: user.name, username: user.name, team_id: world.teamId },
      channel: { id: message.channel, name: world.channel.name },
      callback_id: options.callbackId ?? "animate_with_framecast",
      trigger_id: this.#fake.issueTrigger(),
      message_ts: message.ts,
      message: {
        type: "message",
        user: message.user,
        ts: message.ts,
        text: message.text,
        ...(message.files === undefined ? {} : { files: message.files }),
        ...(message.thread_ts === undefined ? {} : { thread_ts: message.thread_ts }),
      },
      response_url: this.#fake.issueResponseUrl(message.channel, user.id),
    };
  }

  /**
   * Submitting a modal the bot opened: `values` by block_id, each set on the block's one input
   * element (plain_text_input → value, static_select → selected_option).
   */
  viewSubmission(options: {
    view: OpenedView;
    values: Readonly<Record<string, string>>;
    user?: SlackUser;
  }): ViewSubmitAction {
    const { world } = this.#fake;
    const user = options.user ?? world.alice;
    const view = options.view.view;
    const blocks = (Array.isArray(view.blocks) ? view.blocks : []) as {
      block_id?: string;
      element?: { type?: string; action_id?: string };
    }[];
    const values: ViewSubmitAction["view"]["state"]["values"] = {};
    for (const block of blocks) {
      const { block_id: blockId, element } = block;
      if (blockId === undefined || element?.action_id === undefined) continue;
      const given = options.values[blockId];
      const type = element.type ?? "plain_text_input";
      values[blockId] = {
        [element.action_id]:
          type === "static_select"
            ? {
                type,
                selected_option:
                  given === undefined ? null : { text: { type: "plain_text", text: given }, value: given },
              }
            : { type, value: given ?? null },
      };
    }
    return {
      type: "view_submission",
      team: { id: world.teamId, domain: world.teamDomain },
      user: { id: user.id, name: user.name, team_id: world.teamId },
      api_app_id: world.appId,
      token: "verification-token-unused",
      trigger_id: this.#fake.issueTrigger(),
      view: {
        id: options.view.id,
        callback_id: String(view.callback_id ?? ""),
        team_id: world.teamId,
        app_id: world.appId,
        bot_id: world.bot.botId,
        type: "modal",
        title: { type: "plain_text", text: "framecast", emoji: true },
        blocks: blocks as ViewSubmitAction["view"]["blocks"],
        close: null,
        submit: null,
        state: { values },
        hash: "1700000000.abcdef",
        private_metadata: String(view.private_metadata ?? ""),
        root_view_id: options.view.id,
        previous_view_id: null,
        clear_on_close: false,
        notify_on_close: false,
      },
      response_urls: [],
    };
  }

  /** An @-mention of the bot (in a thread when `thread_ts` is set), as the Events API delivers it. */
  appMention(message: StoredMessage): EnvelopedEvent<AppMentionEvent> {
    return this.#envelope({
      type: "app_mention",
      user: message.user,
      text: message.text,
      ts: message.ts,
      channel: message.channel,
      event_ts: message.ts,
      ...(message.thread_ts === undefined ? {} : { thread_ts: message.thread_ts }),
      ...(message.files === undefined ? {} : { files: message.files.map(eventFile) }),
    } as AppMentionEvent);
  }

  /** A message with files (subtype file_share), as the Events API delivers it. */
  fileShare(message: StoredMessage): EnvelopedEvent<FileShareMessageEvent> {
    return this.#envelope<FileShareMessageEvent>({
      type: "message",
      subtype: "file_share",
      text: message.text,
      user: message.user,
      ts: message.ts,
      channel: message.channel,
      channel_type: "channel",
      event_ts: message.ts,
      upload: false,
      ...(message.thread_ts === undefined ? {} : { thread_ts: message.thread_ts }),
      files: (message.files ?? []).map(eventFile),
    });
  }

  #envelope<E>(event: E): EnvelopedEvent<E> {
    const { world } = this.#fake;
    return {
      token: "verification-token-unused",
      team_id: world.teamId,
      api_app_id: world.appId,
      event,
      type: "event_callback",
      event_id: this.#fake.nextId("Ev"),
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: world.teamId,
          user_id: world.bot.userId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
    };
  }
}

function eventFile(file: FileObject): EventFile {
  return file as unknown as EventFile;
}

/** The form body of a slash command. */
export const commandBody = (command: SlashCommand): Body => ({
  kind: "form",
  fields: Object.fromEntries(
    Object.entries(command).filter((e): e is [string, string] => typeof e[1] === "string"),
  ),
});
/** The form body of an interaction (`payload=<json>`). */
export const interactionBody = (payload: unknown): Body => ({ kind: "payload", payload });
/** The JSON body of an Events API callback. */
export const eventBody = (envelope: unknown): Body => ({ kind: "json", json: envelope });
