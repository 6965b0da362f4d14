import { describe, expect, it } from "vitest";
import { pollDelay, timeoutSeconds } from "../../../src/app/jobs/engine.ts";

describe("how often a running job is polled", () => {
  it.each([
    [0, 3],
    [10, 3],
    [20, 5],
    [60, 15],
    [120, 30],
    [3600, 30],
  ])("GIVEN %i s elapsed and no webhook THEN the next poll in %i s", (elapsed, delay) => {
    expect(pollDelay(elapsed)).toBe(delay);
  });

  it("GIVEN a 2-minute video THEN about 16 polls; 10,000 long jobs THEN about 330 polls a second", () => {
    let polls = 0;
    for (let t = 0; t < 120; t += pollDelay(t)) polls++;
    expect(polls).toBeLessThanOrEqual(16);
    expect(10_000 / pollDelay(3600)).toBeLessThan(340);
  });

  it("GIVEN the provider was given a webhook THEN polling is a backstop every 60 s, whatever the time", () => {
    for (const elapsed of [0, 10, 600]) expect(pollDelay(elapsed, true)).toBe(60);
  });

  it("GIVEN a duration THEN the hard timeout is 10 minutes plus 30 s per second of video", () => {
    expect(timeoutSeconds(5)).toBe(750);
    expect(timeoutSeconds(15)).toBe(1050);
  });
});
