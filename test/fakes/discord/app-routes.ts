// Application-level endpoints: gateway discovery (`GET /gateway/bot` is how discord.js finds the
// fake's WebSocket), the bot's own user and application, and bulk overwrite / list of global and
// guild commands. A bulk overwrite keeps the id of a command whose type + name already exist.

import {
  type APIApplicationCommand,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from "discord-api-types/v10";
import { FormErrors, type Reply, reply } from "./errors.ts";
import { type FakeState, type Route, type RouteRequest, route } from "./routes.ts";
import { validateCommands } from "./validate-commands.ts";

type Json = Record<string, unknown>;

function scope(state: FakeState, params: RouteRequest["params"]): string | Reply {
  if (params.application_id !== state.world.application.id) return reply.missingAccess();
  if (params.guild_id === undefined) return "global";
  return state.world.guilds.some((g) => g.id === params.guild_id) ? params.guild_id : reply.missingAccess();
}

function overwrite(state: FakeState, req: RouteRequest): Reply {
  const key = scope(state, req.params);
  if (typeof key !== "string") return key;
  const errors = new FormErrors();
  if (!validateCommands(req.json, errors)) return reply.invalidForm(errors);
  const before = state.commands.get(key) ?? [];
  const commands = req.json.map((input: Json): APIApplicationCommand => {
    const type = Number(input.type ?? ApplicationCommandType.ChatInput) as ApplicationCommandType;
    const kept = before.find((c) => c.type === type && c.name === input.name);
    const command = {
      id: kept?.id ?? state.ids.next(),
      application_id: state.world.application.id,
      version: state.ids.next(),
      default_member_permissions: null,
      nsfw: false,
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: [
        InteractionContextType.Guild,
        InteractionContextType.BotDM,
        InteractionContextType.PrivateChannel,
      ],
      ...input,
      type,
      description: typeof input.description === "string" ? input.description : "",
    } as APIApplicationCommand;
    if (key !== "global") command.guild_id = key;
    return command;
  });
  state.commands.set(key, commands);
  return reply.json(200, commands);
}

export function appRoutes(state: FakeState): Route[] {
  const list = (req: RouteRequest): Reply => {
    const key = scope(state, req.params);
    return typeof key === "string" ? reply.json(200, state.commands.get(key) ?? []) : key;
  };
  return [
    route("GET", "/gateway", () => reply.json(200, { url: state.gatewayUrl() }), false),
    route("GET", "/gateway/bot", () =>
      reply.json(200, {
        url: state.gatewayUrl(),
        shards: state.shardCount,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
      }),
    ),
    route("GET", "/users/@me", () => reply.json(200, state.world.bot)),
    route("GET", "/applications/@me", () =>
      reply.json(200, {
        id: state.world.application.id,
        name: state.world.application.name,
        flags: state.world.application.flags,
        bot: state.world.bot,
        bot_public: false,
        bot_require_code_grant: false,
        description: "",
        icon: null,
        summary: "",
        verify_key: "0".repeat(64),
        team: null,
      }),
    ),
    route("PUT", "/applications/{application_id}/commands", (r) => overwrite(state, r)),
    route("GET", "/applications/{application_id}/commands", list),
    route("PUT", "/applications/{application_id}/guilds/{guild_id}/commands", (r) => overwrite(state, r)),
    route("GET", "/applications/{application_id}/guilds/{guild_id}/commands", list),
  ];
}
