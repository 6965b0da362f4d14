/** A failure before the bot could start, with a message that says what to do (printed, exit 1). */
export class StartupError extends Error {}
