// The bot tokens the fake accepts, one bot user per workspace, and the OAuth install that issues
// more: a person approves an install (the code Slack sends to the app's redirect URL), and
// oauth.v2.access exchanges that code, once, with the app's client id and secret for a bot token.

import type { IncomingMessage } from "node:http";
import type { Args } from "./web-api.ts";

/** A bot user in one workspace, as auth.test describes it. */
export interface Bot {
  readonly teamId: string;
  readonly teamName: string;
  readonly userId: string;
  readonly botId: string;
}

export interface AppIdentity {
  readonly appId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export class Bots {
  readonly #bots = new Map<string, Bot>();
  readonly #codes = new Map<string, { teamId: string; teamName: string }>();
  readonly #app: AppIdentity;
  readonly #nextId: (prefix: string) => string;

  constructor(app: AppIdentity, nextId: (prefix: string) => string) {
    this.#app = app;
    this.#nextId = nextId;
  }

  add(token: string, bot: Bot): void {
    this.#bots.set(token, bot);
  }

  get(token: string): Bot | undefined {
    return this.#bots.get(token);
  }

  /** A token an OAuth install issued for `teamId` (not `except`, the fake's own). */
  tokenOf(teamId: string, except: string): string | undefined {
    for (const [token, bot] of this.#bots) if (bot.teamId === teamId && token !== except) return token;
    return undefined;
  }

  approve(teamId: string, teamName: string): string {
    const code = `${this.#nextId("C")}.oauth`;
    this.#codes.set(code, { teamId, teamName });
    return code;
  }

  /** oauth.v2.access: the client's credentials (HTTP Basic or form fields) and a fresh code. */
  exchange(req: IncomingMessage, args: Args): Record<string, unknown> {
    const basic = /^Basic (.+)$/u.exec(String(req.headers.authorization ?? ""))?.[1];
    const [id, secret] =
      basic === undefined
        ? [args.client_id, args.client_secret]
        : Buffer.from(basic, "base64").toString().split(":");
    if (id !== this.#app.clientId || secret !== this.#app.clientSecret)
      return { ok: false, error: "invalid_client_id" };
    const code = typeof args.code === "string" ? args.code : "";
    const approved = this.#codes.get(code);
    if (approved === undefined) return { ok: false, error: "invalid_code" };
    this.#codes.delete(code);
    const token = `xoxb-${approved.teamId}-${this.#nextId("K").toLowerCase()}`;
    const bot = { ...approved, userId: this.#nextId("U"), botId: this.#nextId("B") };
    this.#bots.set(token, bot);
    return {
      ok: true,
      app_id: this.#app.appId,
      authed_user: { id: this.#nextId("U") },
      scope: "commands,chat:write,files:read,files:write",
      token_type: "bot",
      access_token: token,
      bot_user_id: bot.userId,
      team: { id: bot.teamId, name: bot.teamName },
      enterprise: null,
      is_enterprise_install: false,
    };
  }
}
