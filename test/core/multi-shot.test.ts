import { describe, expect, it } from "vitest";
import { checkVideoCommand, checkVideoOptions } from "../../src/core/command.ts";
import { DEFAULT_PRICING, PROVIDER_PRICE_TABLES, priceRequest } from "../../src/core/pricing.ts";
import { requestLine } from "../../src/core/views/request.ts";

// shots:on (multi-shot) through the grammar, the validator and pricing: the same path audio takes.

const ok = (text: string) => {
  const checked = checkVideoCommand(text);
  if (!checked.ok) throw new Error(checked.errors.map((e) => e.message).join("; "));
  return checked;
};

describe("shots:on", () => {
  it.each([
    "a fox shots:on model:v6",
    "a fox --shots --model v6",
    "a fox --shots on --model v6",
    "a fox multi_shot:yes model:v6",
    "a fox multi-clip=true model:v6",
  ])("GIVEN %s THEN multi-shot on, and the prompt keeps only the words", (text) => {
    const { request } = ok(text);
    expect(request.shots).toBe(true);
    expect(request.prompt).toBe("a fox");
  });

  it("GIVEN nothing THEN multi-shot is off", () => {
    expect(ok("a fox model:v6").request.shots).toBe(false);
  });

  it("GIVEN Discord's typed boolean THEN the same request as the text", () => {
    const checked = checkVideoOptions({ prompt: "a fox", model: "v6", shots: true });
    expect(checked.ok && checked.request.shots).toBe(true);
  });

  it("GIVEN v5.6 (the default model) THEN an error naming the model that has it, nothing else", () => {
    const checked = checkVideoCommand("a fox shots:on");
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual([
      {
        code: "unsupported_combination",
        field: "shots",
        message:
          "v5.6 has no multi-shot: it makes one continuous shot. Add model:v6 for several cuts, or leave shots out.",
        given: "on",
        allowed: ["v6"],
        suggestion: "v6",
      },
    ]);
  });

  it("GIVEN shots:maybe THEN invalid_shots with the on/off words", () => {
    const checked = checkVideoCommand("a fox shots:maybe model:v6");
    expect(checked.ok ? [] : checked.errors.map((e) => e.code)).toEqual(["invalid_shots"]);
  });

  it("GIVEN shots: with no value THEN it says how to give one", () => {
    const checked = checkVideoCommand("a fox model:v6 shots:");
    expect(checked.ok ? "" : checked.errors[0]?.message).toBe("shots needs a value, e.g. shots:on.");
  });

  it("GIVEN any provider's table THEN multi-shot costs what one shot costs (price-list.ts cites why)", () => {
    const one = ok("a fox model:v6 duration:10 quality:1080p").request;
    const many = ok("a fox model:v6 duration:10 quality:1080p shots:on").request;
    for (const provider of [undefined, ...Object.keys(PROVIDER_PRICE_TABLES)])
      expect(priceRequest(many, DEFAULT_PRICING, provider)).toEqual(
        priceRequest(one, DEFAULT_PRICING, provider),
      );
  });

  it("GIVEN a multi-shot request THEN its short line says so", () => {
    expect(requestLine(ok("a fox model:v6 shots:on").request)).toBe(
      "5 s · 16:9 · 720p · audio on · multi-shot",
    );
  });
});
