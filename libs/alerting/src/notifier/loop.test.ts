import { FakeClock } from '@firedrill/clock';
import { describe, expect, it } from 'vitest';
import { alertsForNotifier } from './from-rules.js';
import { startNotifierLoop } from './loop.js';
import { Notifier } from './notifier.js';
import { RecordingWebhookSender } from './webhook-sender.js';

describe('startNotifierLoop with alerts from the rules manager', () => {
  it('ticks on the clock and delivers after group_wait; stop ends it', async () => {
    const clock = new FakeClock(0);
    const sender = new RecordingWebhookSender();
    const notifier = new Notifier({
      config: { route: { receiver: 'r', group_wait: '5s' }, receivers: [{ name: 'r', webhook_configs: [{ url: 'http://hooks.test/r' }] }] },
      clock,
      sender,
    });
    const loop = startNotifierLoop(notifier, clock, { intervalMs: 1000 });
    const incoming = alertsForNotifier(
      [
        { rule: 'TargetDown', state: 'firing', labels: { service: 'checkout' }, annotations: {}, value: 0, activeAt: 0, firedAt: 0 },
        { rule: 'HighErrorRatio', state: 'pending', labels: {}, annotations: {}, value: 0.2, activeAt: 0 },
      ],
      { nowMs: 0, evaluationIntervalMs: 1000 },
    );
    expect(incoming).toEqual([{ labels: { alertname: 'TargetDown', service: 'checkout' }, annotations: {}, startsAt: 0, endsAt: 240_000, generatorURL: '' }]);
    notifier.receive(incoming);
    await clock.advance(4000);
    expect(sender.deliveries).toHaveLength(0);
    await clock.advance(1000);
    expect(sender.deliveries).toHaveLength(1);
    loop.stop();
    expect(clock.pendingTimers).toBe(0);
  });
});
