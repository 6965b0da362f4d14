// `framecast register-commands`: one bulk overwrite (PUT) of the application's commands, global
// (may take a while to reach every client) or, with a guild id, that guild only (instant; for
// development).

import { REST, Routes } from "discord.js";
import { COMMANDS } from "./commands.ts";
import { restOptions } from "./rest-options.ts";

export async function registerCommands(options: {
  readonly token: string;
  readonly apiUrl: string;
  readonly guildId?: string | undefined;
}): Promise<{ scope: string; names: string[] }> {
  const rest = new REST(restOptions(options.apiUrl)).setToken(options.token);
  const app = (await rest.get(Routes.currentApplication())) as { id: string };
  const route =
    options.guildId === undefined
      ? Routes.applicationCommands(app.id)
      : Routes.applicationGuildCommands(app.id, options.guildId);
  const saved = (await rest.put(route, { body: COMMANDS })) as { name: string }[];
  return {
    scope: options.guildId === undefined ? "global" : `guild ${options.guildId}`,
    names: saved.map((c) => c.name),
  };
}
