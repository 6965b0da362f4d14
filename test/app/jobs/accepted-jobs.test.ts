import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AcceptedJobs } from "../../../src/app/jobs/accepted-jobs.ts";

// A console waits for the jobs it accepted before it exits. With two bots on one database, the
// other one may end some of them: this process's engine never hears of it, the database does.

describe("waiting for the jobs accepted here", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("GIVEN one job ends here and one in another process THEN idle resolves once both have", async () => {
    let openInDatabase = ["here", "elsewhere"];
    const jobs = new AcceptedJobs(
      { openAmong: async (ids) => ids.filter((id) => openInDatabase.includes(id)) },
      2_000,
    );
    jobs.accepted("here");
    jobs.accepted("elsewhere");
    let idle = false;
    const waiting = jobs.idle().then(() => {
      idle = true;
    });
    jobs.ended("here");
    await vi.advanceTimersByTimeAsync(2_000);
    expect(idle).toBe(false);
    openInDatabase = ["here"]; // the other process delivered "elsewhere"
    await vi.advanceTimersByTimeAsync(2_000);
    await waiting;
    expect(idle).toBe(true);
  });

  it("GIVEN nothing accepted THEN idle at once, without asking the database", async () => {
    const jobs = new AcceptedJobs({ openAmong: () => Promise.reject(new Error("not asked")) });
    await jobs.idle();
  });
});
