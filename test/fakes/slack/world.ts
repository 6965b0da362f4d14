// The workspace the fake Slack serves: one team, a bot, two people and a #general channel. Ids
// follow Slack's shapes (T…, U…, B…, C…, A…); timestamps are `seconds.micro` strings, unique and
// increasing per fake (Slack's `ts` is a message's id within its channel).

export interface SlackUser {
  readonly id: string;
  readonly name: string;
}

export interface World {
  readonly teamId: string;
  readonly teamDomain: string;
  readonly appId: string;
  readonly bot: { readonly userId: string; readonly botId: string; readonly name: string };
  readonly alice: SlackUser;
  readonly bob: SlackUser;
  /** A workspace admin (users.info: is_admin). */
  readonly carol: SlackUser;
  readonly channel: { readonly id: string; readonly name: string };
}

export const WORLD: World = {
  teamId: "T0FRAMECST",
  teamDomain: "framecast-test",
  appId: "A0FRAMECST",
  bot: { userId: "U0FCBOT001", botId: "B0FCBOT001", name: "framecast" },
  alice: { id: "U0ALICE001", name: "alice" },
  bob: { id: "U0BOB00001", name: "bob" },
  carol: { id: "U0CAROL001", name: "carol" },
  channel: { id: "C0GENERAL1", name: "general" },
};

/** Message timestamps: `<unix seconds>.<6 digits>`, strictly increasing. */
export class Timestamps {
  readonly #now: () => number;
  #last = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  next(): string {
    const micros = Math.max(this.#now() * 1000, this.#last + 1);
    this.#last = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, "0")}`;
  }
}

/** Slack-looking random ids: `F` + 10 upper-case alphanumerics. */
export function slackId(prefix: string, n: number): string {
  return `${prefix}${n.toString(36).toUpperCase().padStart(10, "0")}`;
}
