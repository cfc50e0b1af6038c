import { currentSession } from './session.js';
import type { AlertTransitionView, DrillFeedPayload, Role, ServerMessage } from './types.js';

export type Topic = 'drill' | 'alerts';

export type FeedMessage = { topic: 'drill'; payload: DrillFeedPayload } | { topic: 'alerts'; payload: AlertTransitionView };

export interface SubscriptionHandlers {
  onMessage: (message: FeedMessage) => void;
  /** After a reconnect: events may have been missed, so refetch what you show. */
  onResync?: () => void;
  /** The server refused the subscription (wrong drill, unknown stack…). */
  onError?: (message: string) => void;
}

interface Subscription {
  key: string;
  topics: Topic[];
  handlers: SubscriptionHandlers;
}

/** Backoff after the n-th failed attempt (0-based): 0.5 s doubling to 10 s, with jitter so tabs spread out. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Whether a frame belongs to a subscription. A drill is followed by its id, but frames name the
 * stack (while it runs), so drill frames are also matched by the event's drill id.
 */
export function frameMatches(subscription: { key: string; topics: readonly Topic[] }, frame: { stackId: string; topic: Topic; payload: unknown }): boolean {
  if (!subscription.topics.includes(frame.topic)) return false;
  if (frame.stackId === subscription.key) return true;
  return frame.topic === 'drill' && (frame.payload as DrillFeedPayload).event?.drillId === subscription.key;
}

type StatusListener = (connected: boolean) => void;

const CLOSE_GRACE_MS = 2000;

/**
 * One websocket for the whole page (`/api/ws?token=…`). Subscriptions survive reconnects: after
 * the socket comes back every subscription is sent again and told to resync. It connects on the
 * first subscription and closes when the last one goes.
 */
export class RealtimeClient {
  private socket: WebSocket | null = null;
  private readonly subscriptions = new Set<Subscription>();
  private readonly statusListeners = new Set<StatusListener>();
  private attempt = 0;
  private everOpened = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  connected = false;
  /** The role the server reported for this token (from its `hello`). */
  role: Role | null = null;

  constructor(private readonly url: () => string = defaultUrl) {}

  subscribe(key: string, topics: Topic[], handlers: SubscriptionHandlers): () => void {
    const subscription: Subscription = { key, topics, handlers };
    this.subscriptions.add(subscription);
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = null;
    if (this.socket?.readyState === WebSocket.OPEN) this.sendSubscribe(subscription);
    else this.ensureSocket();
    return () => {
      this.subscriptions.delete(subscription);
      const stillWanted = [...this.subscriptions].some((other) => other.key === key);
      if (!stillWanted && this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: 'unsubscribe', stackId: key }));
      else if (stillWanted && this.socket?.readyState === WebSocket.OPEN) this.sendSubscribe(subscription);
      // A grace period: moving between pages unsubscribes and resubscribes at once; keep the socket.
      if (this.subscriptions.size === 0 && !this.closeTimer) {
        this.closeTimer = setTimeout(() => {
          this.closeTimer = null;
          if (this.subscriptions.size === 0) this.close();
        }, CLOSE_GRACE_MS);
      }
    };
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private ensureSocket(): void {
    if (this.socket || this.retryTimer) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      this.setConnected(true);
      for (const subscription of this.subscriptions) this.sendSubscribe(subscription);
      if (reconnected) for (const subscription of this.subscriptions) subscription.handlers.onResync?.();
      // Keeps proxies from closing an idle socket.
      this.pingTimer = setInterval(() => socket.readyState === WebSocket.OPEN && socket.send('{"type":"ping"}'), 25_000);
    };
    socket.onmessage = (message) => this.onFrame(String(message.data));
    socket.onclose = () => {
      if (this.pingTimer) clearInterval(this.pingTimer);
      this.pingTimer = null;
      this.socket = null;
      this.setConnected(false);
      if (this.subscriptions.size > 0) this.scheduleReconnect();
    };
    // An error is always followed by close, where the reconnect happens.
    socket.onerror = () => undefined;
  }

  private scheduleReconnect(): void {
    if (this.retryTimer) return;
    const delay = reconnectDelay(this.attempt++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.subscriptions.size > 0) this.ensureSocket();
    }, delay);
  }

  private close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'no more subscriptions');
    }
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    this.everOpened = false;
    this.setConnected(false);
  }

  private sendSubscribe(subscription: Subscription): void {
    // Re-sending the union of topics: the server keeps one topic set per key.
    const topics = new Set<Topic>();
    for (const other of this.subscriptions) if (other.key === subscription.key) other.topics.forEach((topic) => topics.add(topic));
    this.socket?.send(JSON.stringify({ type: 'subscribe', stackId: subscription.key, topics: [...topics] }));
  }

  private onFrame(text: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === 'hello') this.role = message.role;
    if (message.type === 'error') {
      for (const subscription of this.subscriptions) subscription.handlers.onError?.(message.message);
      return;
    }
    if (message.type !== 'event') return;
    for (const subscription of [...this.subscriptions]) {
      if (frameMatches(subscription, message)) subscription.handlers.onMessage({ topic: message.topic, payload: message.payload } as FeedMessage);
    }
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    for (const listener of this.statusListeners) listener(connected);
  }
}

function defaultUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const token = currentSession().token ?? '';
  return `${scheme}://${window.location.host}/api/ws?token=${encodeURIComponent(token)}`;
}

/** The page's one realtime connection. */
export const realtime = new RealtimeClient();
