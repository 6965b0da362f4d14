import { describe, expect, it } from "vitest";
import { EditThrottle, type Timers } from "../../../src/app/jobs/edit-throttle.ts";
import type { MessageRef } from "../../../src/app/ports.ts";
import type { View } from "../../../src/core/views/view.ts";
import { conversation } from "../../support/conversation.ts";

/** A fake clock: timers fire only when the test moves time. */
class FakeTimers implements Timers {
  time = 0;
  #queue: { at: number; run: () => void; id: number }[] = [];
  #next = 1;
  now(): number {
    return this.time;
  }
  setTimeout(run: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#queue.push({ at: this.time + ms, run, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.#queue = this.#queue.filter((t) => t.id !== handle);
  }
  advance(ms: number): void {
    this.time += ms;
    const due = this.#queue.filter((t) => t.at <= this.time).sort((a, b) => a.at - b.at);
    this.#queue = this.#queue.filter((t) => t.at > this.time);
    for (const t of due) t.run();
  }
}

/** Lets the edits already started finish (they are promise chains, not timers). */
const edited = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const view = (title: string): View => ({ tone: "info", title, blocks: [] });
const message = (id: string): MessageRef => ({ conversation, messageId: id });

function setup() {
  const timers = new FakeTimers();
  const sent: string[] = [];
  const throttle = new EditThrottle(
    async (m, v) => {
      sent.push(`${m.messageId}:${v.title}`);
    },
    { intervalMs: 3_000, idleMs: 15_000, timers, onError: () => {} },
  );
  return { timers, sent, throttle };
}

describe("throttled, coalesced edits", () => {
  it("GIVEN the first update THEN sent at once", async () => {
    const { sent, throttle } = setup();
    throttle.update(message("m1"), view("10%"));
    await throttle.flush(message("m1"));
    expect(sent).toEqual(["m1:10%"]);
  });

  it("GIVEN a burst within the interval THEN only the newest lands, when the interval allows", async () => {
    const { sent, throttle, timers } = setup();
    throttle.update(message("m1"), view("10%"));
    throttle.update(message("m1"), view("20%"));
    throttle.update(message("m1"), view("30%"));
    throttle.update(message("m1"), view("40%"));
    timers.advance(2_999);
    await Promise.resolve();
    expect(sent).toEqual(["m1:10%"]);
    timers.advance(1);
    await throttle.flush(message("m1"));
    expect(sent).toEqual(["m1:10%", "m1:40%"]);
  });

  it("GIVEN 100 updates over 30 s THEN at most one edit per 3 s, and the last one lands", async () => {
    const { sent, throttle, timers } = setup();
    for (let i = 1; i <= 100; i++) {
      throttle.update(message("m1"), view(`${i}%`));
      timers.advance(300);
    }
    await throttle.flush(message("m1"));
    expect(sent.length).toBeLessThanOrEqual(11);
    expect(sent.at(-1)).toBe("m1:100%");
  });

  it("GIVEN polls with no news every 5 s THEN the message is refreshed only every 15 s; news goes at once", async () => {
    const { sent, throttle, timers } = setup();
    throttle.touch(message("m1"), view("0 s")); // never shown here: at once
    for (const t of [5, 10, 15, 20]) {
      timers.advance(5_000);
      throttle.touch(message("m1"), view(`${t} s`));
    }
    await edited();
    expect(sent).toEqual(["m1:0 s", "m1:15 s"]);
    timers.advance(5_000);
    throttle.update(message("m1"), view("40%"));
    await edited();
    expect(sent).toEqual(["m1:0 s", "m1:15 s", "m1:40%"]);
    // A refresh while an edit waits for the interval replaces it: the newest still lands.
    throttle.update(message("m1"), view("50%"));
    throttle.touch(message("m1"), view("50% · 27 s"));
    timers.advance(3_000);
    await throttle.flush(message("m1"));
    expect(sent.at(-1)).toBe("m1:50% · 27 s");
  });

  it("GIVEN a final state THEN flush sends it without waiting", async () => {
    const { sent, throttle } = setup();
    throttle.update(message("m1"), view("running"));
    throttle.update(message("m1"), view("done"));
    await throttle.flush(message("m1"));
    expect(sent).toEqual(["m1:running", "m1:done"]);
  });

  it("GIVEN two messages THEN each has its own interval", async () => {
    const { sent, throttle } = setup();
    throttle.update(message("a"), view("1"));
    throttle.update(message("b"), view("1"));
    await throttle.flush(message("a"));
    await throttle.flush(message("b"));
    expect(sent.sort()).toEqual(["a:1", "b:1"]);
  });

  it("GIVEN an edit that fails THEN it is reported and later edits still go out", async () => {
    const timers = new FakeTimers();
    const errors: unknown[] = [];
    const sent: string[] = [];
    const throttle = new EditThrottle(
      async (_m, v) => {
        if (v.title === "bad") throw new Error("429");
        sent.push(v.title);
      },
      { intervalMs: 1_000, timers, onError: (e, m) => errors.push([e, m.messageId]) },
    );
    throttle.update(message("m"), view("bad"));
    await throttle.flush(message("m"));
    timers.advance(1_000);
    throttle.update(message("m"), view("good"));
    await throttle.flush(message("m"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toEqual([new Error("429"), "m"]);
    expect(sent).toEqual(["good"]);
  });
});
