import { ApplicationCommandType } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerCommands } from "../../../src/chat/discord/register-commands.ts";
import { FakeDiscord } from "../../fakes/discord/index.ts";

const fake = new FakeDiscord();
beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
});

describe("framecast register-commands", () => {
  it("GIVEN a guild id THEN /video, /framecast and the Animate message command pass Discord's command checks in that guild only", async () => {
    const guildId = fake.world.guilds[0]?.id ?? "";
    const done = await registerCommands({ token: fake.token, apiUrl: `${fake.restUrl}/api`, guildId });
    const names = ["video", "framecast", "Animate with framecast"];
    expect(done).toEqual({ scope: `guild ${guildId}`, names });
    expect(fake.commands(guildId).map((c) => c.name)).toEqual(names);
    expect(fake.commands(guildId)[2]?.type).toBe(ApplicationCommandType.Message);
    expect(fake.commands()).toEqual([]);
    const video = fake.commands(guildId)[0];
    expect(video?.options?.map((o) => o.name)).toEqual([
      "prompt",
      "duration",
      "ratio",
      "quality",
      "model",
      "audio",
      "negative",
      "seed",
      "style",
      "motion",
      "thinking",
      "shots",
      "image",
      "last_image",
    ]);
    // What a person may type for duration and ratio depends on the model: offered by autocomplete.
    const autocompleted = video?.options?.filter((o) => "autocomplete" in o && o.autocomplete === true);
    expect(autocompleted?.map((o) => o.name)).toEqual(["duration", "ratio"]);
  });

  it("GIVEN no guild id THEN registered globally", async () => {
    const done = await registerCommands({ token: fake.token, apiUrl: `${fake.restUrl}/api` });
    expect(done.scope).toBe("global");
    expect(fake.commands().map((c) => c.name)).toEqual(["video", "framecast", "Animate with framecast"]);
  });
});
