import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertTransition } from '@firedrill/alerting';
import { PrometheusAlertPoller } from './prometheus-alert-poller.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function fakePrometheus(answer: () => { status: number; body: unknown }): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  server = createServer((req, res) => {
    paths.push(req.url ?? '');
    const { status, body } = answer();
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

const rulesBody = (state: string) => ({
  status: 'success',
  data: { groups: [{ name: 'demo-stack', rules: [{ type: 'alerting', name: 'TargetDown', duration: 30, alerts: [{ labels: { alertname: 'TargetDown', replica: 'payments-1' }, annotations: {}, state, activeAt: '2024-05-01T10:00:00Z', value: '0' }] }] }] },
});

describe('PrometheusAlertPoller', () => {
  it('asks /api/v1/rules?type=alert and hands on the changes, keeping state through a failed poll', async () => {
    let answer = { status: 200, body: rulesBody('pending') as unknown };
    const prometheus = await fakePrometheus(() => answer);
    const received: AlertTransition[][] = [];
    const errors: string[] = [];
    const poller = new PrometheusAlertPoller({ url: prometheus.url, intervalMs: 1000, wanted: () => true, onTransitions: (t) => received.push(t), onError: (e) => errors.push(e) });

    await poller.poll();
    expect(prometheus.paths).toEqual(['/api/v1/rules?type=alert']);
    expect(received.flat().map((t) => `${t.rule}:${t.from}->${t.to}`)).toEqual(['TargetDown:inactive->pending']);

    answer = { status: 503, body: { status: 'error' } };
    await poller.poll();
    expect(errors).toEqual([expect.stringContaining('HTTP 503')]);
    expect(received).toHaveLength(1);

    answer = { status: 200, body: rulesBody('firing') };
    await poller.poll();
    expect(received.flat().map((t) => `${t.from}->${t.to}@${new Date(t.at).toISOString()}`)).toEqual([
      'inactive->pending@2024-05-01T10:00:00.000Z',
      'pending->firing@2024-05-01T10:00:30.000Z',
    ]);
    await poller.stop();
  });
});
