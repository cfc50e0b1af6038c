import type { Clock } from '@firedrill/clock';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeTarget, slackBody, WebhookNotifier, type GameDayEvent } from './notifier.js';

/** A clock whose waits return at once and are remembered: back-off is checked, not slept. */
function instantClock(waits: number[]): Clock {
  return {
    now: () => 0,
    speed: 1,
    setTimeout: () => ({ id: 0 }),
    clearTimeout: () => undefined,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw new Error('aborted');
      waits.push(ms);
    },
  };
}

const EVENT: GameDayEvent = {
  event: 'gameday.started',
  gameDay: { id: 'gd-1', name: 'Friday <chaos> & co', team: 'payments' },
  run: { id: 'gdr-1', scheduledFor: '2026-12-04T14:00:00+01:00' },
  drills: [{ id: 'drl-1', scenario: 'db-pool-exhaustion-traffic-spike', joinLinks: [{ name: 'alex', role: 'responder', url: 'http://127.0.0.1:4400/#token=t&drill=drl-1' }] }],
};

describe('webhook notifier (loopback receiver)', () => {
  let server: Server;
  let url: string;
  let received: Array<{ path: string; body: any; contentType: string | undefined }>;
  /** What the receiver answers to each request, in order; 200 once they run out. */
  let answers: Array<number | 'hang'>;

  beforeEach(async () => {
    received = [];
    answers = [];
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      let text = '';
      request.on('data', (chunk) => (text += chunk));
      request.on('end', () => {
        received.push({ path: request.url ?? '', body: JSON.parse(text), contentType: request.headers['content-type'] });
        const answer = answers.shift() ?? 200;
        if (answer === 'hang') return;
        response.statusCode = answer;
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the generic JSON body to a webhook target and the Slack body to a slack target', async () => {
    const notifier = new WebhookNotifier({ clock: instantClock([]) });
    const deliveries = await notifier.notify(
      [
        { kind: 'webhook', url: `${url}/generic` },
        { kind: 'slack', url: `${url}/services/T000/B000/secret` },
      ],
      EVENT,
    );
    expect(deliveries).toEqual([
      { target: `webhook ${url}`, ok: true, attempts: 1 },
      { target: `slack ${url}`, ok: true, attempts: 1 },
    ]);
    const generic = received.find((request) => request.path === '/generic')!;
    expect(generic.contentType).toBe('application/json');
    expect(generic.body).toEqual(EVENT);
    const slack = received.find((request) => request.path.startsWith('/services'))!.body;
    expect(slack.text).toBe(':fire: Game day Friday &lt;chaos&gt; &amp; co (team payments) has started (planned 2026-12-04T14:00:00+01:00).');
    expect(slack.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: expect.stringContaining('*Friday &lt;chaos&gt; &amp; co*') } });
    expect(slack.blocks[1].text.text).toBe('• Drill `drl-1`: join as <http://127.0.0.1:4400/#token=t&drill=drl-1|alex> (responder)');
  });

  it('retries a 5xx with doubling back-off and succeeds on the third attempt', async () => {
    answers = [503, 500];
    const waits: number[] = [];
    const [delivery] = await new WebhookNotifier({ clock: instantClock(waits), initialBackoffMs: 1000 }).notify([{ kind: 'webhook', url }], EVENT);
    expect(delivery).toEqual({ target: `webhook ${url}`, ok: true, attempts: 3 });
    expect(waits).toEqual([1000, 2000]);
    expect(received).toHaveLength(3);
  });

  it('gives up after three attempts and says why; a 4xx is not retried', async () => {
    answers = [500, 500, 500, 500];
    const [failed] = await new WebhookNotifier({ clock: instantClock([]) }).notify([{ kind: 'webhook', url }], EVENT);
    expect(failed).toEqual({ target: `webhook ${url}`, ok: false, attempts: 3, error: 'HTTP 500' });
    expect(received).toHaveLength(3);

    answers = [404];
    const [refused] = await new WebhookNotifier({ clock: instantClock([]) }).notify([{ kind: 'webhook', url }], EVENT);
    expect(refused).toEqual({ target: `webhook ${url}`, ok: false, attempts: 1, error: 'HTTP 404' });
  });

  it('a receiver that never answers times out per attempt', async () => {
    answers = ['hang', 'hang'];
    const [delivery] = await new WebhookNotifier({ clock: instantClock([]), timeoutMs: 150, maxAttempts: 2 }).notify([{ kind: 'webhook', url }], EVENT);
    expect(delivery).toMatchObject({ ok: false, attempts: 2, error: 'no answer within 150 ms' });
  });

  it('an unreachable target is an error result, not an exception', async () => {
    const closed = `http://127.0.0.1:1/hook`;
    const [delivery] = await new WebhookNotifier({ clock: instantClock([]) }).notify([{ kind: 'webhook', url: closed }], EVENT);
    expect(delivery!.ok).toBe(false);
    expect(delivery!.attempts).toBe(3);
    expect(delivery!.error).toMatch(/ECONNREFUSED|connect/i);
  });
});

describe('slack body and target names', () => {
  it('a missed game day says it will not run late', () => {
    expect(slackBody({ ...EVENT, event: 'gameday.missed', drills: [] }).text).toMatch(/was missed: Firedrill was not running\. It will not be run late\./);
  });

  it('records the origin of a target, never the secret path', () => {
    expect(describeTarget({ kind: 'slack', url: 'https://hooks.slack.com/services/T0/B0/XYZ' })).toBe('slack https://hooks.slack.com');
  });
});
