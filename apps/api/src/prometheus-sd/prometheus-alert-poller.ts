import type { AlertTransition } from '@firedrill/alerting';
import { request } from 'undici';
import { polledRulesOf, PrometheusAlertTracker } from './alert-tracker.js';

export interface PrometheusAlertPollerOptions {
  /** The real Prometheus, e.g. http://127.0.0.1:9090 (FIREDRILL_PROMETHEUS_URL). */
  url: string;
  intervalMs: number;
  /** Polls only while this says so (some stack takes its alerts from this Prometheus). */
  wanted: () => boolean;
  onTransitions: (transitions: AlertTransition[]) => void;
  onError: (message: string) => void;
  timeoutMs?: number;
}

/**
 * Polls a real Prometheus's `/api/v1/rules?type=alert` (it carries each rule's `for` and last
 * evaluation, which `/api/v1/alerts` does not) and hands on the state changes. One poll at a time;
 * a failed poll keeps the last known state, so an unreachable Prometheus resolves nothing.
 */
export class PrometheusAlertPoller {
  private readonly tracker = new PrometheusAlertTracker();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: PrometheusAlertPollerOptions) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running || !this.options.wanted()) return;
      this.running = this.poll().finally(() => (this.running = undefined));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One poll; public so tests can step it. */
  async poll(): Promise<void> {
    try {
      const response = await request(new URL('/api/v1/rules?type=alert', this.options.url), {
        headersTimeout: this.options.timeoutMs ?? 5000,
        bodyTimeout: this.options.timeoutMs ?? 5000,
      });
      const body = await response.body.json();
      if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
      const transitions = this.tracker.update(polledRulesOf(body), Date.now());
      if (transitions.length > 0) this.options.onTransitions(transitions);
    } catch (error) {
      this.options.onError(`polling ${this.options.url}: ${(error as Error).message}`);
    }
  }
}
