import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeClock } from '@firedrill/clock';
import { afterEach, describe, expect, it } from 'vitest';
import { buildWebhookPayload } from './payload.js';
import { UndiciWebhookSender } from './undici-webhook-sender.js';

const payload = buildWebhookPayload([], { receiver: 'r', groupKey: '{}:{}', groupLabels: {}, externalURL: '', maxAlerts: 0, nowMs: 0 });
let server: Server | undefined;

/** Back-off waits resolve at once but are recorded, so the test sees the schedule without sleeping. */
class InstantSleepClock extends FakeClock {
  readonly sleeps: number[] = [];
  override sleep(delayMs: number): Promise<void> {
    this.sleeps.push(delayMs);
    return Promise.resolve();
  }
}

async function serve(statuses: number[]): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('UndiciWebhookSender', () => {
  it('retries a 5xx and reports the delivery', async () => {
    const { url, bodies } = await serve([503, 200]);
    const clock = new InstantSleepClock(0);
    const sender = new UndiciWebhookSender({ clock });
    const result = await sender.send(url, payload);
    expect(clock.sleeps).toEqual([500]);
    expect(result).toEqual({ ok: true, status: 200, attempts: 2 });
    expect(JSON.parse(bodies[1]!)).toMatchObject({ version: '4', receiver: 'r' });
    expect(sender.stats).toEqual({ delivered: 1, failed: 0, attempts: 2 });
  });

  it('gives up on a 4xx at once and counts an unreachable receiver as failed', async () => {
    const { url } = await serve([400]);
    const clock = new InstantSleepClock(0);
    const sender = new UndiciWebhookSender({ clock, maxAttempts: 3, maxBackoffMs: 800 });
    expect(await sender.send(url, payload)).toEqual({ ok: false, status: 400, error: 'HTTP 400', attempts: 1 });
    const unreachable = await sender.send('http://127.0.0.1:1/hook', payload);
    expect(unreachable).toMatchObject({ ok: false, attempts: 3 });
    expect(clock.sleeps).toEqual([500, 800]);
    expect(sender.stats).toEqual({ delivered: 0, failed: 2, attempts: 4 });
  });
});
