import { describe, expect, it } from "vitest";
import { etaSeconds, formatSeconds } from "../../../src/core/jobs/eta.ts";
import { advance, canAdvance, isFinal, TRANSITIONS } from "../../../src/core/jobs/machine.ts";
import { JOB_STATES, settlementFor } from "../../../src/core/jobs/states.ts";

describe("the job state machine", () => {
  it.each([
    ["queued", "submitting", true],
    ["queued", "canceled", true],
    ["submitting", "queued", false],
    ["running", "delivering", true],
    ["running", "timed_out", true],
    ["delivering", "delivered", true],
    ["queued", "delivered", false],
    ["running", "queued", false],
    ["delivering", "canceled", false],
    ["delivered", "failed", false],
    ["canceled", "queued", false],
    ["nonsense", "queued", false],
  ])("GIVEN %s → %s THEN %s", (from, to, ok) => {
    expect(canAdvance(from, to)).toBe(ok);
  });

  it("GIVEN the table THEN every state is in it, and exactly the five final ones lead nowhere", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...JOB_STATES].sort());
    expect(JOB_STATES.filter(isFinal).sort()).toEqual([
      "canceled",
      "delivered",
      "failed",
      "moderated",
      "timed_out",
    ]);
  });

  it("GIVEN every final state THEN its money is settled: delivered charged, the rest refunded", () => {
    for (const state of JOB_STATES.filter(isFinal)) {
      expect(settlementFor(state, 0, 60_000)).toBe(state === "delivered" ? "charge" : "refund");
    }
  });

  it("GIVEN a legal step THEN advance returns it (illegal ones do not compile)", () => {
    expect(advance("queued", "submitting")).toBe("submitting");
    // @ts-expect-error: a queued job can't be delivered
    advance("queued", "delivered");
  });
});

describe("ETA", () => {
  it.each([
    [10, [60, 70, 80], 60],
    [10, [60, 80], 60],
    [100, [60, 70, 80], undefined],
    [0, [], undefined],
  ])("GIVEN %i s elapsed and history %j THEN %s s left", (elapsed, history, left) => {
    expect(etaSeconds(elapsed, history)).toBe(left);
  });

  it.each([
    [42, "42 s"],
    [65, "1 m 05 s"],
    [600, "10 m 00 s"],
  ])("GIVEN %i THEN %s", (s, text) => {
    expect(formatSeconds(s)).toBe(text);
  });
});
