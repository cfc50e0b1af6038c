import type { SloSpecInput } from '../slo/spec.js';

/** The demo shop's SLOs: checkout must answer, and answer fast. */
export const DEMO_STACK_SLOS: readonly SloSpecInput[] = [
  {
    name: 'checkout-availability',
    service: 'checkout',
    description: '99.5% of checkout requests are answered without a 5xx',
    objective: 0.995,
    sli: {
      ratio: {
        good: 'sum(rate(http_requests_total{service="checkout",status!~"5.."}[{{window}}]))',
        total: 'sum(rate(http_requests_total{service="checkout"}[{{window}}]))',
      },
    },
    alerting: { annotations: { runbook: 'runbooks/checkout-slo' } },
  },
  {
    name: 'checkout-latency',
    service: 'checkout',
    description: '99% of checkout requests are served in 0.5 s or less',
    objective: 0.99,
    // 0.5 is one of the demo stack's HTTP_BUCKETS, so the le="0.5" series exists.
    sli: { latency: { histogram: 'http_request_duration_seconds', thresholdSeconds: 0.5, filters: 'service="checkout"' } },
    alerting: { annotations: { runbook: 'runbooks/checkout-slo' } },
  },
];
