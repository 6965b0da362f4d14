import {
  type APIApplicationCommandInteractionDataOption,
  ApplicationCommandOptionType,
  type InteractionType,
} from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { autocompleteChoices } from "../../../src/chat/discord/autocomplete.ts";

type Option = APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommandAutocomplete>;
const typing = (name: string, value: string): Option => ({
  name,
  type: name === "duration" ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.String,
  value,
  focused: true,
});
const chosen = (name: string, value: string): Option => ({
  name,
  type: ApplicationCommandOptionType.String,
  value,
});
const values = (options: Option[], defaultModel: string | null = null) =>
  autocompleteChoices(options, defaultModel).map((c) => c.value);

describe("/video autocomplete", () => {
  it("GIVEN no model chosen THEN the workspace default's durations, else v5.6's", () => {
    expect(values([typing("duration", "")])).toEqual([5, 8, 10]);
    expect(values([typing("duration", "")], "v6")).toHaveLength(15);
    expect(values([typing("duration", "")], "no-such-model")).toEqual([5, 8, 10]);
  });

  it("GIVEN model v6 chosen and '1' typed THEN only durations starting with 1", () => {
    expect(values([chosen("model", "v6"), typing("duration", "1")])).toEqual([1, 10, 11, 12, 13, 14, 15]);
  });

  it("GIVEN v5.6 at 1080p THEN 10 seconds is not offered (PixVerse refuses it)", () => {
    const choices = autocompleteChoices([chosen("quality", "1080p"), typing("duration", "")], "v5.6");
    expect(choices.map((c) => c.value)).toEqual([5, 8]);
    expect(choices[0]?.name).toBe("5 seconds (PixVerse v5.6, 1080p)");
  });

  it("GIVEN ratio focused THEN the model's ratios, matched by number or by shape", () => {
    expect(values([typing("ratio", "")])).toEqual(["16:9", "4:3", "1:1", "3:4", "9:16"]);
    expect(values([chosen("model", "v6"), typing("ratio", "2")])).toEqual(["2:3", "21:9"]);
    expect(values([typing("ratio", "portrait")])).toEqual(["3:4", "9:16"]);
  });

  it("GIVEN another option focused THEN nothing is offered", () => {
    expect(values([typing("prompt", "a fox")])).toEqual([]);
    expect(values([chosen("model", "v6")])).toEqual([]);
  });
});
