// SIGINT and SIGTERM (an operator's Ctrl-C, `docker stop`, an orchestrator): from the first one
// the bot takes no new work, lets running steps finish, and closes its connections.

let stoppedBySignal = false;

/** True once a signal stopped the bot: the process then exits as soon as it has cleaned up. */
export function stoppedBySignalAlready(): boolean {
  return stoppedBySignal;
}

/** Resolves with the first SIGINT or SIGTERM. */
export function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      stoppedBySignal = true;
      resolve(signal);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
