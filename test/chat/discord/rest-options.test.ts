import { type RateLimitData, REST, Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { interactionRestOptions, restOptions } from "../../../src/chat/discord/rest-options.ts";
import { FakeDiscord } from "../../fakes/discord/index.ts";

// Discord doesn't count interaction callbacks and webhooks against the bot's global 50 requests/s
// (reference/platforms.md §2); discord.js would hold them to it unless told otherwise.

const fake = new FakeDiscord();
beforeAll(() => fake.start());
afterAll(() => fake.stop());

/** Sends 60 interaction-webhook edits at once (unknown tokens: refused, which is fine here). */
async function sixtyWebhookEdits(rest: REST): Promise<RateLimitData[]> {
  const limited: RateLimitData[] = [];
  rest.on("rateLimited", (data) => limited.push(data));
  await Promise.allSettled(
    Array.from({ length: 60 }, (_, i) =>
      rest.patch(Routes.webhookMessage(fake.world.application.id, `token-${i}`, "@original"), {
        body: { content: "edited" },
        auth: false,
      }),
    ),
  );
  return limited;
}

describe("Discord REST clients", () => {
  it("GIVEN the bot's client THEN 60 requests at once wait for the global limit", async () => {
    const limited = await sixtyWebhookEdits(new REST(restOptions(`${fake.restUrl}/api`)));
    expect(limited.some((l) => l.global)).toBe(true);
  }, 10_000);

  it("GIVEN the interactions' client THEN 60 interaction-webhook edits at once never wait for it", async () => {
    const limited = await sixtyWebhookEdits(new REST(interactionRestOptions(`${fake.restUrl}/api`)));
    expect(limited).toEqual([]);
  }, 10_000);
});
