import type { Clock } from '@firedrill/clock';
import { request } from 'undici';
import type { WebhookPayload } from './payload.js';
import type { DeliveryResult, WebhookSender } from './webhook-sender.js';

export interface UndiciWebhookSenderOptions {
  /** Back-off waits go through the clock, so tests and scaled drills step them. */
  clock: Clock;
  /** Per attempt, for headers and body alike (wall ms). Default 10 s, Alertmanager's default. */
  timeoutMs?: number;
  /** Attempts per delivery, first included. Default 3. */
  maxAttempts?: number;
  /** First back-off; doubles per retry up to `maxBackoffMs`. Defaults 500 ms and 5 s. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  userAgent?: string;
}

/**
 * Posts payloads with undici. Network errors, timeouts, 5xx and 429 are retried with bounded
 * exponential back-off; other 4xx are final (the receiver rejected the payload, so sending it
 * again cannot help). Every outcome is counted; nothing is thrown.
 */
export class UndiciWebhookSender implements WebhookSender {
  readonly stats = { delivered: 0, failed: 0, attempts: 0 };
  private readonly options: Required<UndiciWebhookSenderOptions>;

  constructor(options: UndiciWebhookSenderOptions) {
    this.options = { timeoutMs: 10_000, maxAttempts: 3, initialBackoffMs: 500, maxBackoffMs: 5000, userAgent: 'firedrill-notifier', ...options };
  }

  async send(url: string, payload: WebhookPayload): Promise<DeliveryResult> {
    const body = JSON.stringify(payload);
    let last: DeliveryResult = { ok: false, attempts: 0 };
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
      if (attempt > 1) await this.options.clock.sleep(this.backoffMs(attempt - 1));
      this.stats.attempts++;
      last = { ...(await this.attempt(url, body)), attempts: attempt };
      if (last.ok || !isRetryable(last.status)) break;
    }
    if (last.ok) this.stats.delivered++;
    else this.stats.failed++;
    return last;
  }

  private backoffMs(retry: number): number {
    return Math.min(this.options.maxBackoffMs, this.options.initialBackoffMs * 2 ** (retry - 1));
  }

  private async attempt(url: string, body: string): Promise<Omit<DeliveryResult, 'attempts'>> {
    try {
      const response = await request(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'user-agent': this.options.userAgent },
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.body.dump();
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      return ok ? { ok, status: response.statusCode } : { ok, status: response.statusCode, error: `HTTP ${response.statusCode}` };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }
}

function isRetryable(status: number | undefined): boolean {
  return status === undefined || status >= 500 || status === 429;
}
