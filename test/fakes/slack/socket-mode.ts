// Slack's Socket Mode, as @slack/socket-mode speaks it (platforms.md §6): `apps.connections.open`
// with the app-level token (xapp-…) answers a WebSocket URL; on connecting, the server sends
// `{type:"hello"}`; requests arrive as envelopes `{envelope_id, type, payload,
// accepts_response_payload}` (type slash_commands, interactive or events_api) and the app acks
// each with `{envelope_id, payload?}`. No signing: the app token authenticates the connection.

import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";

export type EnvelopeType = "slash_commands" | "interactive" | "events_api";

export interface Ack {
  readonly envelope_id: string;
  readonly payload?: unknown;
}

export class SocketModeServer {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #sockets = new Set<WebSocket>();
  readonly #acks = new Map<string, (ack: Ack) => void>();
  readonly #connected: ((socket: WebSocket) => void)[] = [];
  #envelopes = 0;

  /** Completes a WebSocket upgrade for `/socket-mode`, then says hello. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, appId: string): void {
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      this.#sockets.add(ws);
      ws.on("close", () => this.#sockets.delete(ws));
      ws.on("message", (data) => {
        const ack = parse(data.toString());
        if (ack !== undefined) this.#acks.get(ack.envelope_id)?.(ack);
      });
      ws.send(
        JSON.stringify({
          type: "hello",
          num_connections: this.#sockets.size,
          debug_info: { host: "applink-fake", approximate_connection_time: 18060 },
          connection_info: { app_id: appId },
        }),
      );
      for (const resolve of this.#connected.splice(0)) resolve(ws);
    });
  }

  /** Resolves once an app is connected. */
  connected(): Promise<void> {
    if (this.#sockets.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.#connected.push(() => resolve()));
  }

  /** Sends an envelope to a connected app; resolves with its ack (Slack waits 3 s for it). */
  send(type: EnvelopeType, payload: unknown): Promise<Ack> {
    const [socket] = this.#sockets;
    if (socket === undefined) return Promise.reject(new Error("no Socket Mode connection"));
    const id = `env-${++this.#envelopes}-${Date.now().toString(36)}`;
    const acked = new Promise<Ack>((resolve) => this.#acks.set(id, resolve));
    socket.send(
      JSON.stringify({
        envelope_id: id,
        type,
        payload,
        accepts_response_payload: type !== "events_api",
        ...(type === "events_api" ? { retry_attempt: 0, retry_reason: "" } : {}),
      }),
    );
    return acked.finally(() => this.#acks.delete(id));
  }

  close(): void {
    for (const socket of this.#sockets) socket.terminate();
    this.#wss.close();
  }
}

function parse(text: string): Ack | undefined {
  try {
    const json = JSON.parse(text) as { envelope_id?: unknown; payload?: unknown };
    return typeof json.envelope_id === "string"
      ? { envelope_id: json.envelope_id, payload: json.payload }
      : undefined;
  } catch {
    return undefined;
  }
}
