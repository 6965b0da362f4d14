import { describe, expect, it } from "vitest";
import { pollDelay, timeoutSeconds } from "../../../src/app/jobs/engine.ts";
import { spread } from "../../../src/app/jobs/poll-delay.ts";

describe("how often a running job is polled", () => {
  it.each([
    [0, 5],
    [10, 5],
    [30, 10],
    [60, 20],
    [90, 30],
    [3600, 30],
  ])("GIVEN %i s elapsed and no webhook THEN the next poll in %i s, ±20%", (elapsed, delay) => {
    for (const job of ["a", "b", "c", "d"]) {
      const d = pollDelay(elapsed, false, job);
      expect(d).toBeGreaterThanOrEqual(Math.floor(delay * 0.8));
      expect(d).toBeLessThanOrEqual(Math.ceil(delay * 1.2));
      expect(pollDelay(elapsed, false, job)).toBe(d);
    }
  });

  it("GIVEN 1,000 jobs accepted in the same second THEN their polls spread over the ±20% range", () => {
    const delays = Array.from({ length: 1000 }, (_, i) => pollDelay(60, false, `job-${i}`));
    const counts = new Map<number, number>();
    for (const d of delays) counts.set(d, (counts.get(d) ?? 0) + 1);
    expect(Math.min(...delays)).toBe(16);
    expect(Math.max(...delays)).toBe(24);
    // No second gets more than twice its share of the nine.
    expect(Math.max(...counts.values())).toBeLessThan((2 * 1000) / 9);
    const factors = Array.from({ length: 1000 }, (_, i) => spread(`k${i}`));
    expect(Math.min(...factors)).toBeGreaterThanOrEqual(0.8);
    expect(Math.max(...factors)).toBeLessThanOrEqual(1.2);
  });

  it("GIVEN a 2-minute video THEN about 10 polls; 10,000 long jobs THEN about 330 polls a second", () => {
    for (const job of ["a", "b", "c"]) {
      let polls = 0;
      for (let t = 5; t < 120; t += pollDelay(t, false, job)) polls++;
      expect(polls).toBeLessThanOrEqual(11);
    }
    const mean =
      Array.from({ length: 1000 }, (_, i) => pollDelay(3600, false, `j${i}`)).reduce((a, b) => a + b) / 1000;
    expect(10_000 / mean).toBeLessThan(345);
  });

  it("GIVEN the provider was given a webhook THEN polling is a backstop every 60 s, whatever the time", () => {
    for (const elapsed of [0, 10, 600]) expect(pollDelay(elapsed, true, "a")).toBe(60);
  });

  it("GIVEN a duration THEN the hard timeout is 10 minutes plus 30 s per second of video", () => {
    expect(timeoutSeconds(5)).toBe(750);
    expect(timeoutSeconds(15)).toBe(1050);
  });
});
