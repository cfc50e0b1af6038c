import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { DrillDirectory } from '../auth/drill-directory.js';
import { bearerToken } from '../auth/roles.guard.js';
import type { Role } from '../auth/roles.js';
import { TokenService, type Principal } from '../auth/token.service.js';
import { eventForParticipant, seesEverything } from '../drills/drill-views.js';
import type { DrillEvent } from '../drills/timeline.js';
import { StackRegistry } from '../stacks/stack-registry.js';
import { EventsHub, type StackEvent } from './events-hub.js';

export const WEBSOCKET_PATH = '/api/ws';

/** Which roles may subscribe to which topic; the gateway enforces it like the HTTP guard does. */
const TOPIC_ROLES: Record<StackEvent['topic'], Role[]> = {
  alerts: ['facilitator', 'responder', 'observer'],
  drill: ['facilitator', 'responder', 'observer'],
};

const ClientMessageSchema = z.discriminatedUnion('type', [
  // `stackId` names what is followed: a stack (alerts, drill), or a drill id (drill: for the drill's whole life).
  z.object({ type: z.literal('subscribe'), stackId: z.string().min(1), topics: z.array(z.enum(['alerts', 'drill'])).min(1) }).strict(),
  z.object({ type: z.literal('unsubscribe'), stackId: z.string().min(1) }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);

interface Client {
  socket: WebSocket;
  principal: Principal;
  /** By stack id, or by drill id for the drill topic. */
  subscriptions: Map<string, Set<StackEvent['topic']>>;
}

/** What the drills service publishes on the `drill` topic. */
interface DrillPayload {
  event: DrillEvent;
  [key: string]: unknown;
}

/**
 * The websocket feed at /api/ws. Credentials are checked at the HTTP upgrade (Authorization
 * header, or `?token=` because browsers cannot set headers on a websocket); an unauthenticated
 * upgrade is refused with 401 before any frame is exchanged.
 */
@Injectable()
export class WebsocketGateway implements BeforeApplicationShutdown {
  private readonly logger = new Logger('websocket');
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });
  private readonly clients = new Set<Client>();
  private attached: Server | undefined;
  private unsubscribeHub: (() => void) | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: TokenService,
    private readonly stacks: StackRegistry,
    private readonly hub: EventsHub,
    private readonly drills: DrillDirectory,
  ) {}

  /** Called once the HTTP server exists (Nest's onApplicationBootstrap runs before listen). */
  onApplicationBootstrap(): void {
    const httpServer = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!httpServer) return;
    this.attached = httpServer;
    httpServer.on('upgrade', this.onUpgrade);
    this.unsubscribeHub = this.hub.subscribe((event) => this.deliver(event));
  }

  /**
   * Before the HTTP server closes: it waits for every open connection, and a browser tab never
   * ends its websocket by itself, so the clients go first (told why, then cut).
   */
  beforeApplicationShutdown(): void {
    this.attached?.off('upgrade', this.onUpgrade);
    this.unsubscribeHub?.();
    for (const client of this.clients) {
      client.socket.close(1001, 'server shutting down');
      client.socket.terminate();
    }
    this.clients.clear();
    this.server.close();
  }

  get clientCount(): number {
    return this.clients.size;
  }

  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== WEBSOCKET_PATH) return; // another upgrade handler may own this path
    const principal = this.tokens.authenticate(bearerToken(request.headers.authorization) ?? url.searchParams.get('token') ?? undefined);
    if (!principal) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nmissing or invalid credentials\n');
      return;
    }
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws, principal));
  };

  private accept(socket: WebSocket, principal: Principal): void {
    const client: Client = { socket, principal, subscriptions: new Map() };
    this.clients.add(client);
    socket.on('message', (data) => this.onMessage(client, data.toString()));
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', (error) => this.logger.warn(`websocket client error: ${error.message}`));
    send(socket, { type: 'hello', role: principal.role });
  }

  private onMessage(client: Client, text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      send(client.socket, { type: 'error', message: 'message is not valid JSON' });
      return;
    }
    const parsed = ClientMessageSchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`);
      send(client.socket, { type: 'error', message: `invalid message: ${problems.join('; ')}` });
      return;
    }
    const message = parsed.data;
    if (message.type === 'ping') return send(client.socket, { type: 'pong' });
    if (message.type === 'unsubscribe') {
      client.subscriptions.delete(message.stackId);
      return send(client.socket, { type: 'unsubscribed', stackId: message.stackId });
    }
    const refused = message.topics.filter((topic) => !TOPIC_ROLES[topic].includes(client.principal.role));
    if (refused.length > 0) {
      return send(client.socket, { type: 'error', message: `topic ${refused.join(', ')} needs another role; you are ${client.principal.role}` });
    }
    for (const topic of new Set(message.topics)) {
      const byDrill = topic === 'drill' && this.drills.hasDrill(message.stackId);
      const problem = byDrill ? this.drillRefusal(client.principal, message.stackId) : this.stackRefusal(client.principal, message.stackId);
      if (problem) return send(client.socket, { type: 'error', message: problem });
    }
    client.subscriptions.set(message.stackId, new Set(message.topics));
    send(client.socket, { type: 'subscribed', stackId: message.stackId, topics: message.topics });
  }

  /** Why this principal may not follow the stack, or undefined when it may: a participant only their drill's. */
  private stackRefusal(principal: Principal, stackId: string): string | undefined {
    if (!this.stacks.all().some((stack) => stack.id === stackId)) return `stack "${stackId}" not found`;
    if (principal.drillId !== undefined && this.drills.stackIdOf(principal.drillId) !== stackId) {
      return `your credential belongs to drill "${principal.drillId}"; it can only follow that drill's stack`;
    }
    return undefined;
  }

  /** The facilitator follows any drill, a participant only their own. */
  private drillRefusal(principal: Principal, drillId: string): string | undefined {
    if (seesEverything(principal) || principal.drillId === drillId) return undefined;
    return `your credential belongs to ${principal.drillId === undefined ? 'no drill' : `drill "${principal.drillId}"`}; it cannot follow drill "${drillId}"`;
  }

  private deliver(event: StackEvent): void {
    const drill = event.topic === 'drill' ? (event.payload as DrillPayload).event : undefined;
    // A drill is followed by its id (its whole life) or by its stack's id (while the stack runs).
    const keys = drill ? [drill.drillId, event.stackId] : [event.stackId];
    for (const client of this.clients) {
      if (!keys.some((key) => client.subscriptions.get(key)?.has(event.topic))) continue;
      if (drill && client.principal.drillId !== undefined && client.principal.drillId !== drill.drillId) continue;
      const payload = drill && !seesEverything(client.principal) ? { ...(event.payload as DrillPayload), event: eventForParticipant(drill) } : event.payload;
      send(client.socket, { type: 'event', stackId: event.stackId, topic: event.topic, payload });
    }
  }
}

function send(socket: WebSocket, message: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}
