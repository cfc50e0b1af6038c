import type { Clock } from '@firedrill/clock';
import { request } from 'undici';
import type { NotificationTarget } from './gameday-schema.js';

/** What a game day tells its targets: a reminder before the start, the start with join links, or a missed start. */
export interface GameDayEvent {
  event: 'gameday.reminder' | 'gameday.started' | 'gameday.missed';
  gameDay: { id: string; name: string; team: string };
  /** `scheduledFor`: ISO 8601 with the offset of the game day's zone. */
  run: { id: string; scheduledFor: string };
  drills: Array<{ id: string; scenario: string; startsAt?: string; joinLinks: Array<{ name: string; role: string; url: string }> }>;
}

export interface Delivery {
  /** The target as recorded: kind and origin, never the full URL. */
  target: string;
  ok: boolean;
  attempts: number;
  error?: string;
}

/** The port the service sends through; tests substitute a recorder. */
export interface GameDayNotifier {
  notify(targets: readonly NotificationTarget[], event: GameDayEvent, signal?: AbortSignal): Promise<Delivery[]>;
}

export interface WebhookNotifierOptions {
  /** Back-off waits go through the clock. */
  clock: Clock;
  /** Per attempt (wall ms). */
  timeoutMs?: number;
  /** Attempts per target, the first included. */
  maxAttempts?: number;
  /** The first back-off; doubles per retry. */
  initialBackoffMs?: number;
}

/**
 * Posts game-day events to webhooks with undici: each target on its own, a timeout per attempt and
 * bounded retries with exponential back-off for network errors, timeouts, 429 and 5xx (another 4xx
 * means the receiver refuses the body; sending it again cannot help). Never throws: a delivery
 * that fails is a result, and the game day goes on.
 */
export class WebhookNotifier implements GameDayNotifier {
  private readonly options: Required<WebhookNotifierOptions>;

  constructor(options: WebhookNotifierOptions) {
    this.options = { timeoutMs: 5000, maxAttempts: 3, initialBackoffMs: 1000, ...options };
  }

  notify(targets: readonly NotificationTarget[], event: GameDayEvent, signal?: AbortSignal): Promise<Delivery[]> {
    return Promise.all(targets.map((target) => this.deliver(target, event, signal)));
  }

  private async deliver(target: NotificationTarget, event: GameDayEvent, signal?: AbortSignal): Promise<Delivery> {
    const body = JSON.stringify(target.kind === 'slack' ? slackBody(event) : genericBody(event));
    const delivery: Delivery = { target: describeTarget(target), ok: false, attempts: 0 };
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
      if (attempt > 1) {
        try {
          await this.options.clock.sleep(this.options.initialBackoffMs * 2 ** (attempt - 2), signal);
        } catch {
          delivery.error = `${delivery.error ?? 'not sent'} (gave up: shutting down)`;
          return delivery;
        }
      }
      delivery.attempts = attempt;
      const result = await this.attempt(target.url, body, signal);
      if (result.ok) return { ...delivery, ok: true, error: undefined };
      delivery.error = result.error;
      if (!result.retryable || signal?.aborted) break;
    }
    return delivery;
  }

  private async attempt(url: string, body: string, signal?: AbortSignal): Promise<{ ok: boolean; retryable: boolean; error?: string }> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const response = await request(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'user-agent': 'firedrill-gamedays' },
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      await response.body.dump();
      const status = response.statusCode;
      if (status >= 200 && status < 300) return { ok: true, retryable: false };
      return { ok: false, retryable: status >= 500 || status === 429, error: `HTTP ${status}` };
    } catch (error) {
      const message = timeout.aborted ? `no answer within ${this.options.timeoutMs} ms` : (error as Error).message;
      return { ok: false, retryable: true, error: message };
    }
  }
}

/** The generic body: the event as it is. */
export function genericBody(event: GameDayEvent): GameDayEvent {
  return event;
}

/** A Slack incoming-webhook body: `text` for notifications and clients without blocks, `blocks` in mrkdwn. */
export function slackBody(event: GameDayEvent): { text: string; blocks: unknown[] } {
  const name = `*${escapeSlack(event.gameDay.name)}* (team ${escapeSlack(event.gameDay.team)})`;
  const headline = {
    'gameday.reminder': `:alarm_clock: Game day ${name} starts at ${event.run.scheduledFor}.`,
    'gameday.started': `:fire: Game day ${name} has started (planned ${event.run.scheduledFor}).`,
    'gameday.missed': `:warning: Game day ${name} planned for ${event.run.scheduledFor} was missed: Firedrill was not running. It will not be run late.`,
  }[event.event];
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text: headline } }];
  for (const drill of event.drills) {
    const links = drill.joinLinks.map((link) => `<${link.url}|${escapeSlack(link.name)}> (${link.role})`).join(', ');
    const when = drill.startsAt ? ` starts ${drill.startsAt}` : '';
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `• Drill \`${drill.id}\`${when}${links ? `: join as ${links}` : ''}` } });
  }
  return { text: headline.replace(/\*/g, ''), blocks };
}

/** A target as stored and shown: its kind and origin. The path of a Slack webhook URL is its secret. */
export function describeTarget(target: NotificationTarget): string {
  try {
    return `${target.kind} ${new URL(target.url).origin}`;
  } catch {
    return target.kind;
  }
}

function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
