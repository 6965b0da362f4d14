// The gateway (gateway.mdx; reference/platforms.md §3): v10 JSON over a WebSocket. HELLO, then
// IDENTIFY → READY (+ GUILD_CREATE per guild with the GUILDS intent); heartbeat → ACK; RESUME
// replays what the session missed, then RESUMED (unknown session → op 9). Close codes as Discord's:
// 4001 unknown opcode, 4002 decode error, 4003 not authenticated, 4004 bad token, 4005 identified
// twice, 4010 bad shard, 4012 bad version, 4013 / 4014 invalid / disallowed intents. Payload
// compression (`compress=zlib-stream`) and ETF are refused with 1003: discord.js asks for zlib only
// when the optional `zlib-sync` package is installed.

import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
} from "discord-api-types/v10";
import { type WebSocket, WebSocketServer } from "ws";
import { guildCreate } from "./guild-payload.ts";
import type { World } from "./world.ts";

export const PRIVILEGED_INTENTS =
  GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
const ALL_INTENTS = Object.values(GatewayIntentBits)
  .filter((v) => typeof v === "number")
  .reduce((all, bit) => all | bit, 0);

export interface GatewayOptions {
  readonly token: string;
  readonly world: World;
  readonly heartbeatIntervalMs: number;
  /** Privileged intents enabled for the application (others close with 4014). */
  readonly privilegedIntents: number;
  readonly url: () => string;
  /** How many shards the bot must connect (gateway.mdx "Sharding"); 1: sharding optional. */
  readonly shardCount: number;
}

/** The shard a guild's events go to: `(guild_id >> 22) % num_shards` (gateway.mdx "Sharding Formula"); DMs go to shard 0. */
export function shardOf(guildId: string | undefined, shardCount: number): number {
  return guildId === undefined ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** What the gateway reports: the client's IDENTIFY / RESUME / heartbeat data, and each dispatch sent. */
export interface GatewayEvents {
  identify: [data: Record<string, unknown>];
  resume: [data: Record<string, unknown>];
  heartbeat: [data: unknown];
  dispatch: [payload: { s: number; t: string; d: unknown }];
}

export interface GatewaySession {
  readonly id: string;
  readonly intents: number;
  /** [shard id, shard count] as identified. */
  readonly shard: readonly [number, number];
  seq: number;
  socket: WebSocket | undefined;
  readonly sent: { s: number; t: string; d: unknown }[];
}

/** Per-session view of a dispatch: the data to send, or undefined to skip the session. */
export type DispatchView = (session: GatewaySession) => unknown;

export class Gateway extends EventEmitter<GatewayEvents> {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #sessions = new Map<string, GatewaySession>();
  readonly #options: GatewayOptions;

  constructor(options: GatewayOptions) {
    super();
    this.#options = options;
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(req, socket, head, (ws) =>
      this.#open(ws, new URL(req.url ?? "/", "ws://x").searchParams),
    );
  }

  /** Identified sessions whose socket is open. */
  get sessions(): GatewaySession[] {
    return [...this.#sessions.values()].filter((s) => s.socket !== undefined);
  }

  /**
   * Sends a dispatch to every live session (a disconnected one gets it on RESUME); returns how
   * many connected sessions got it now.
   */
  dispatch(t: GatewayDispatchEvents, view: DispatchView, guildId?: string): number {
    let delivered = 0;
    for (const session of this.#sessions.values()) {
      if (shardOf(guildId, session.shard[1]) !== session.shard[0]) continue;
      const d = view(session);
      if (d === undefined) continue;
      this.#send(session, t, d);
      if (session.socket !== undefined) delivered++;
    }
    return delivered;
  }

  /** Asks every client to reconnect and resume (op 7), as Discord does before moving a session. */
  requestReconnect(): void {
    for (const session of this.sessions)
      session.socket?.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null }));
  }

  async close(): Promise<void> {
    for (const ws of this.#wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #open(ws: WebSocket, query: URLSearchParams): void {
    const refusal =
      query.get("v") !== "10"
        ? ([GatewayCloseCodes.InvalidAPIVersion, "Invalid API version."] as const)
        : (query.get("encoding") ?? "json") !== "json"
          ? ([1003, "fake gateway: only encoding=json"] as const)
          : query.has("compress")
            ? ([1003, "fake gateway: transport compression unsupported"] as const)
            : undefined;
    if (refusal !== undefined) {
      ws.close(refusal[0], refusal[1]);
      return;
    }
    let session: GatewaySession | undefined;
    ws.on("close", (code) => {
      if (session?.socket !== ws) return;
      session.socket = undefined;
      // A clean close (1000/1001) ends the session; any other keeps it resumable.
      if (code === 1000 || code === 1001) this.#sessions.delete(session.id);
    });
    ws.on("message", (data) => {
      let payload: { op?: unknown; d?: unknown };
      try {
        payload = JSON.parse(String(data)) as typeof payload;
      } catch {
        return ws.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
      }
      const d = (payload.d ?? {}) as Record<string, unknown>;
      switch (payload.op) {
        case GatewayOpcodes.Heartbeat:
          this.emit("heartbeat", payload.d);
          return ws.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
        case GatewayOpcodes.Identify:
          if (session !== undefined)
            return ws.close(GatewayCloseCodes.AlreadyAuthenticated, "Already authenticated.");
          session = this.#identify(ws, d);
          return;
        case GatewayOpcodes.Resume:
          if (session !== undefined)
            return ws.close(GatewayCloseCodes.AlreadyAuthenticated, "Already authenticated.");
          session = this.#resume(ws, d);
          return;
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.VoiceStateUpdate:
        case GatewayOpcodes.RequestGuildMembers:
          if (session === undefined) ws.close(GatewayCloseCodes.NotAuthenticated, "Not authenticated.");
          return;
        default:
          return ws.close(GatewayCloseCodes.UnknownOpcode, "Unknown opcode.");
      }
    });
    ws.send(
      JSON.stringify({
        op: GatewayOpcodes.Hello,
        d: { heartbeat_interval: this.#options.heartbeatIntervalMs },
      }),
    );
  }

  #identify(ws: WebSocket, d: Record<string, unknown>): GatewaySession | undefined {
    const { token, world, privilegedIntents } = this.#options;
    if (d.token !== token)
      return void ws.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
    const intents = d.intents;
    if (typeof intents !== "number" || (intents & ~ALL_INTENTS) !== 0) {
      return void ws.close(GatewayCloseCodes.InvalidIntents, "Invalid intent(s).");
    }
    if ((intents & PRIVILEGED_INTENTS & ~privilegedIntents) !== 0) {
      return void ws.close(GatewayCloseCodes.DisallowedIntents, "Disallowed intent(s).");
    }
    const count = this.#options.shardCount;
    const shard = d.shard ?? (count === 1 ? [0, 1] : undefined);
    if (shard === undefined) return void ws.close(GatewayCloseCodes.ShardingRequired, "Sharding required.");
    if (
      !Array.isArray(shard) ||
      shard[1] !== count ||
      !Number.isInteger(shard[0]) ||
      shard[0] < 0 ||
      shard[0] >= count
    ) {
      return void ws.close(GatewayCloseCodes.InvalidShard, "Invalid shard.");
    }
    const onShard = (guildId: string): boolean => shardOf(guildId, count) === shard[0];
    const session: GatewaySession = {
      id: randomBytes(16).toString("hex"),
      intents,
      shard: [shard[0], count],
      seq: 0,
      socket: ws,
      sent: [],
    };
    this.#sessions.set(session.id, session);
    this.emit("identify", d);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: world.bot,
      guilds: world.guilds.filter((g) => onShard(g.id)).map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.#options.url(),
      shard: [shard[0], count],
      application: {
        id: world.application.id,
        flags: world.application.flags,
        flags_new: String(world.application.flags),
      },
    };
    this.#send(session, GatewayDispatchEvents.Ready, ready);
    if ((intents & GatewayIntentBits.Guilds) !== 0) {
      for (const guild of world.guilds.filter((g) => onShard(g.id)))
        this.#send(session, GatewayDispatchEvents.GuildCreate, guildCreate(world, guild));
    }
    return session;
  }

  #resume(ws: WebSocket, d: Record<string, unknown>): GatewaySession | undefined {
    const session = this.#sessions.get(String(d.session_id));
    if (d.token !== this.#options.token || session === undefined || typeof d.seq !== "number") {
      ws.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
      return undefined;
    }
    session.socket?.terminate();
    session.socket = ws;
    this.emit("resume", d);
    for (const missed of session.sent.filter((p) => p.s > Number(d.seq))) {
      ws.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, ...missed }));
    }
    this.#send(session, GatewayDispatchEvents.Resumed, {});
    return session;
  }

  #send(session: GatewaySession, t: string, d: unknown): void {
    const payload = { s: ++session.seq, t, d };
    session.sent.push(payload);
    if (session.sent.length > 1000) session.sent.shift();
    session.socket?.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, ...payload }));
    this.emit("dispatch", payload);
  }
}
