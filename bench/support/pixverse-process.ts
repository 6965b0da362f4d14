// The fake PixVerse in a process of its own, so its HTTP work doesn't share a CPU queue with what
// a benchmark measures. Every video stays "generating" (nothing finishes). Sends
// { baseUrl, apiKey } to the parent over IPC, answers "prompts" with what it was asked to
// generate; exits when the parent goes.
//   fork("bench/support/pixverse-process.ts") — see startPixverseProcess().

import { fork } from "node:child_process";
import { once } from "node:events";
import { FakePixverse } from "../../test/fakes/pixverse.ts";

export interface PixverseProcess {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** The prompt of every video it was asked to generate, one per generate call. */
  prompts(): Promise<string[]>;
  stop(): void;
}

/** Forks this file as the fake PixVerse; resolves once it is listening. */
export async function startPixverseProcess(): Promise<PixverseProcess> {
  const child = fork(new URL(import.meta.url).pathname, ["--serve"], { stdio: "inherit" });
  const [address] = (await once(child, "message")) as [{ baseUrl: string; apiKey: string }];
  return {
    ...address,
    prompts: async () => {
      child.send("prompts");
      const [answer] = (await once(child, "message")) as [{ prompts: string[] }];
      return answer.prompts;
    },
    stop: () => child.kill("SIGKILL"),
  };
}

if (process.argv.includes("--serve")) {
  const fake = new FakePixverse();
  fake.nextScript = [5];
  await fake.start();
  process.send?.({ baseUrl: fake.baseUrl, apiKey: fake.apiKey });
  process.on("message", (message) => {
    if (message === "prompts") process.send?.({ prompts: fake.prompts() });
  });
  process.on("disconnect", () => process.exit(0));
}
