// drizzle-kit reads every table from here; one table per file.
export * from "./chains.ts";
export * from "./jobs.ts";
export * from "./ledger.ts";
export * from "./quota-policies.ts";
export * from "./reservations.ts";
export * from "./slack-installations.ts";
export * from "./usage-counters.ts";
export * from "./user-preferences.ts";
export * from "./workspace-settings.ts";
