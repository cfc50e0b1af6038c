import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, eventually, startApi, type ApiHarness } from '../support/api-harness.js';
import { createStack, type StackInfo } from '../support/stack-harness.js';
import { freePort } from '../support/ports.js';

/**
 * A real Alertmanager (Debian package prometheus-alertmanager, installed by .ci/run) as a stack's
 * alert source: alerts posted to it come back through its webhook receiver into the stack's
 * alerts, firing and then resolved, with the bearer token in Alertmanager's own http_config.
 */
const BINARY = ['prometheus-alertmanager', 'alertmanager'].find((name) => spawnSync(name, ['--version']).status === 0);
if (!BINARY) console.warn('prometheus-alertmanager not found: real-Alertmanager receiver test skipped');


describe.skipIf(!BINARY)('a real Alertmanager as the alert source', () => {
  let api: ApiHarness;
  let stack: StackInfo;
  let alertmanager: ChildProcess;
  let amUrl: string;
  let amLog = '';

  beforeAll(async () => {
    api = await startApi();
    stack = await createStack(api, { loadRps: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-am-'));
    const config = join(dir, 'alertmanager.yml');
    writeFileSync(
      config,
      [
        'route:',
        '  receiver: firedrill',
        '  group_by: [alertname]',
        '  group_wait: 0s',
        '  group_interval: 1s',
        '  repeat_interval: 1h',
        'receivers:',
        '  - name: firedrill',
        '    webhook_configs:',
        `      - url: ${api.baseUrl}/api/stacks/${stack.id}/alertmanager/webhook`,
        '        send_resolved: true',
        '        http_config:',
        '          authorization:',
        `            credentials: ${ADMIN_TOKEN}`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    amUrl = `http://127.0.0.1:${port}`;
    alertmanager = spawn(BINARY!, [
      `--config.file=${config}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ]);
    alertmanager.stderr?.on('data', (chunk: Buffer) => (amLog += chunk.toString()));
    await eventually(async () => {
      const ready = await request(`${amUrl}/-/ready`);
      await ready.body.text();
      expect(ready.statusCode).toBe(200);
    }, { timeoutMs: 20_000 });
  });

  afterAll(async () => {
    alertmanager?.kill('SIGTERM');
    await api?.close();
  });

  const postToAlertmanager = async (alert: Record<string, unknown>) => {
    const response = await request(`${amUrl}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([alert]),
    });
    await response.body.text();
    expect(response.statusCode, amLog).toBe(200);
  };

  it('delivers firing and resolved alerts into the stack, authenticated with the bearer token', async () => {
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    const labels = { alertname: 'PaymentsDown', service: 'payments', severity: 'page' };
    await postToAlertmanager({ labels, annotations: { summary: 'payments is down' }, startsAt });
    const firing = await eventually(async () => {
      const { alerts } = (await api.call('GET', `/api/stacks/${stack.id}/alerts`)).body;
      const alert = alerts.find((a: { name: string }) => a.name === 'PaymentsDown');
      expect(alert, amLog).toBeDefined();
      return alert;
    }, { timeoutMs: 20_000, intervalMs: 200 });
    expect(firing).toMatchObject({ state: 'firing', source: 'alertmanager', labels: { service: 'payments' }, annotations: { summary: 'payments is down' } });
    expect(Date.parse(firing.firedAt)).toBe(Date.parse(startsAt));

    await postToAlertmanager({ labels, annotations: { summary: 'payments is down' }, startsAt, endsAt: new Date().toISOString() });
    await eventually(async () => {
      const { alerts } = (await api.call('GET', `/api/stacks/${stack.id}/alerts`)).body;
      expect(alerts.some((a: { name: string }) => a.name === 'PaymentsDown')).toBe(false);
    }, { timeoutMs: 20_000, intervalMs: 200 });
    const history = (await api.call('GET', `/api/stacks/${stack.id}/alerts/history`)).body.transitions;
    expect(history.filter((t: { alert: string }) => t.alert === 'PaymentsDown').map((t: { to: string }) => t.to)).toEqual(['firing', 'inactive']);
  });

  it('refuses a webhook without the token, and a malformed one naming the field', async () => {
    const anonymous = await api.call('POST', `/api/stacks/${stack.id}/alertmanager/webhook`, { version: '4' }, { token: null });
    expect(anonymous.status).toBe(401);
    const malformed = await api.call('POST', `/api/stacks/${stack.id}/alertmanager/webhook`, { version: '4', alerts: 'nope' });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('alerts');
  });
});
