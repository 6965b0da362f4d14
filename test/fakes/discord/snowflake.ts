// Snowflakes as Discord makes them: (ms since 2015-01-01 UTC) << 22 | worker << 17 | process << 12 |
// increment. Anything generated after 2015-ish is 17–19 digits, which @discordjs/rest relies on to
// find a route's major parameter (`/channels/(\d{17,19})`).

import { randomBytes } from "node:crypto";

export const DISCORD_EPOCH = 1_420_070_400_000;

export class Snowflakes {
  readonly #now: () => number;
  #increment = 0n;

  constructor(now: () => number) {
    this.#now = now;
  }

  next(): string {
    // Never before 2017-01-01, so ids stay 17+ digits even under a fake clock that starts at 0.
    const ms = BigInt(Math.max(Math.floor(this.#now()), 1_483_228_800_000) - DISCORD_EPOCH);
    const id = (ms << 22n) | (1n << 17n) | (0n << 12n) | (this.#increment++ & 0xfffn);
    return id.toString();
  }
}

/** Timestamp (ms) encoded in a snowflake. */
export function snowflakeTime(id: string): number {
  return Number(BigInt(id) >> 22n) + DISCORD_EPOCH;
}

/** Interaction tokens look like Discord's: base64url of `interaction:<id>:<random>`. */
export function interactionToken(id: string): string {
  return Buffer.from(`interaction:${id}:${randomBytes(48).toString("base64url")}`).toString("base64url");
}

/** A bot token shaped like Discord's: base64(user id) . timestamp part . HMAC part. */
export function botToken(userId: string): string {
  return `${Buffer.from(userId).toString("base64url")}.${randomBytes(4).toString("base64url")}.${randomBytes(28).toString("base64url")}`;
}
