import type { WebhookPayload } from './payload.js';

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  /** HTTP status of the last attempt, when there was a response. */
  status?: number;
  error?: string;
}

/** Posts one webhook payload. Implementations never throw: a failure is a result with ok false. */
export interface WebhookSender {
  send(url: string, payload: WebhookPayload): Promise<DeliveryResult>;
}

export interface RecordedDelivery {
  url: string;
  payload: WebhookPayload;
}

/** Keeps every payload for tests; `failNext(n)` makes the next n deliveries fail. */
export class RecordingWebhookSender implements WebhookSender {
  readonly deliveries: RecordedDelivery[] = [];
  private failuresLeft = 0;

  failNext(count = 1): void {
    this.failuresLeft += count;
  }

  async send(url: string, payload: WebhookPayload): Promise<DeliveryResult> {
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      return { ok: false, attempts: 1, error: 'recorded failure' };
    }
    this.deliveries.push({ url, payload: structuredClone(payload) });
    return { ok: true, attempts: 1, status: 200 };
  }

  /** Deliveries so far, then forgets them, so each test step sees only its own. */
  take(): RecordedDelivery[] {
    return this.deliveries.splice(0);
  }
}
