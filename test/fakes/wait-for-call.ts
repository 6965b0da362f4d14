import type { EventEmitter } from "node:events";

/**
 * The first recorded call (past or future) of a fake that matches `predicate`: the fakes record
 * every call in `calls` and emit each as "call". On timeout the error lists every call seen.
 */
export function waitForCall<C>(
  fake: { readonly calls: readonly C[] } & Pick<EventEmitter, "on" | "off">,
  predicate: (call: C) => boolean,
  timeoutMs: number,
  describe: { readonly name: string; readonly line: (call: C) => string },
): Promise<C> {
  const past = fake.calls.find(predicate);
  if (past !== undefined) return Promise.resolve(past);
  return new Promise((resolve, reject) => {
    const listener = (call: C): void => {
      if (!predicate(call)) return;
      clearTimeout(timer);
      fake.off("call", listener);
      resolve(call);
    };
    const timer = setTimeout(() => {
      fake.off("call", listener);
      const seen = fake.calls.map(describe.line).join("\n  ");
      reject(new Error(`${describe.name}: no matching call within ${timeoutMs} ms; calls:\n  ${seen}`));
    }, timeoutMs);
    fake.on("call", listener);
  });
}
